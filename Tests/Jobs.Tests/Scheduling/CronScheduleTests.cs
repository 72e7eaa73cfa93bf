using BackgroundRoles.Jobs.Scheduling;

namespace BackgroundRoles.Jobs.Tests.Scheduling;

[TestClass]
public sealed class CronScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [TestMethod]
    public void GetNextOccurrence_FiveFields_NextMinuteMatch()
    {
        var schedule = CronSchedule.Parse("*/15 * * * *", TimeZoneInfo.Utc);

        Assert.AreEqual(Utc("2026-01-05T10:15:00"), schedule.GetNextOccurrence(Utc("2026-01-05T10:07:30")));
        Assert.AreEqual(Utc("2026-01-05T10:30:00"), schedule.GetNextOccurrence(Utc("2026-01-05T10:15:00")), "strictly after");
    }

    [TestMethod]
    public void GetNextOccurrence_SixFields_SecondsFirst()
    {
        var schedule = CronSchedule.Parse("*/10 * * * * *", TimeZoneInfo.Utc);

        Assert.AreEqual(Utc("2026-01-05T10:07:40"), schedule.GetNextOccurrence(Utc("2026-01-05T10:07:31")));
    }

    [TestMethod]
    public void GetNextOccurrence_TimeZone_ReadInThatZoneSummerAndWinter()
    {
        var schedule = CronSchedule.Parse("0 9 * * *", NewYork);

        Assert.AreEqual(Utc("2026-01-05T14:00:00"), schedule.GetNextOccurrence(Utc("2026-01-05T00:00:00")), "EST is UTC-5");
        Assert.AreEqual(Utc("2026-07-06T13:00:00"), schedule.GetNextOccurrence(Utc("2026-07-06T00:00:00")), "EDT is UTC-4");
    }

    [TestMethod]
    public void GetNextOccurrence_SkippedByDaylightSaving_RunsAtTheFirstMomentAfter()
    {
        // 2026-03-29 in Berlin: 02:00 CET becomes 03:00 CEST, so 02:30 never happens that day.
        var schedule = CronSchedule.Parse("30 2 * * *", Berlin);

        Assert.AreEqual(Utc("2026-03-29T01:00:00"), schedule.GetNextOccurrence(Utc("2026-03-28T12:00:00")));
        Assert.AreEqual(Utc("2026-03-30T00:30:00"), schedule.GetNextOccurrence(Utc("2026-03-29T01:00:00")));
    }

    [TestMethod]
    public void GetNextOccurrence_RepeatedByDaylightSaving_RunsOnce()
    {
        // 2026-10-25 in Berlin: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice (00:30 and 01:30 UTC).
        var schedule = CronSchedule.Parse("30 2 * * *", Berlin);

        var first = schedule.GetNextOccurrence(Utc("2026-10-24T12:00:00"));
        Assert.AreEqual(Utc("2026-10-25T00:30:00"), first);
        Assert.AreEqual(Utc("2026-10-26T01:30:00"), schedule.GetNextOccurrence(first!.Value), "not again at 01:30 UTC the same day");
    }

    [TestMethod]
    public void TryParse_FourFields_FalseSayingHowManyAreNeeded()
    {
        Assert.IsFalse(CronSchedule.TryParse("* * * *", TimeZoneInfo.Utc, out _, out var error));

        Assert.Contains("has 4 fields", error);
        Assert.Contains("5 (minute", error);
    }

    [TestMethod]
    public void Parse_OutOfRangeField_FormatExceptionNamingTheExpression()
    {
        var exception = Assert.ThrowsExactly<FormatException>(() => CronSchedule.Parse("61 * * * *", TimeZoneInfo.Utc));

        Assert.Contains("'61 * * * *'", exception.Message);
    }

    [TestMethod]
    public void CountOccurrences_Bounds_InclusiveAndCapped()
    {
        var schedule = CronSchedule.Parse("* * * * *", TimeZoneInfo.Utc);

        Assert.AreEqual(3, schedule.CountOccurrences(Utc("2026-01-05T10:00:00"), Utc("2026-01-05T10:02:00"), 100));
        Assert.AreEqual(2, schedule.CountOccurrences(Utc("2026-01-05T10:00:00"), Utc("2026-01-05T11:00:00"), 2));
    }
}
