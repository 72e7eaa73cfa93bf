using BackgroundRoles.Supervision.Internal;

namespace BackgroundRoles.Supervision.Tests.Internal;

[TestClass]
public sealed class RestartTrackerTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void CountRecent_RestartsOlderThanWindow_AreNotCounted()
    {
        var tracker = new RestartTracker(TimeSpan.FromSeconds(10));
        tracker.RecordRestart(Start);
        tracker.RecordRestart(Start + TimeSpan.FromSeconds(6));

        Assert.AreEqual(2, tracker.CountRecent(Start + TimeSpan.FromSeconds(9)));
        Assert.AreEqual(1, tracker.CountRecent(Start + TimeSpan.FromSeconds(10)));
        Assert.AreEqual(0, tracker.CountRecent(Start + TimeSpan.FromSeconds(16)));
        Assert.AreEqual(2, tracker.Total);
    }

    [TestMethod]
    public void WouldExceed_AtLimitWithinWindow_True()
    {
        var tracker = new RestartTracker(TimeSpan.FromSeconds(10));
        tracker.RecordRestart(Start);
        tracker.RecordRestart(Start + TimeSpan.FromSeconds(1));

        Assert.IsTrue(tracker.WouldExceed(Start + TimeSpan.FromSeconds(2), maxRestarts: 2));
        Assert.IsFalse(tracker.WouldExceed(Start + TimeSpan.FromSeconds(10), maxRestarts: 2));
    }

    [TestMethod]
    public void MarkHealthy_AfterFailures_ReturnsThemAndResetsTheStreak()
    {
        var tracker = new RestartTracker(TimeSpan.FromSeconds(10));
        tracker.RecordRestart(Start);
        tracker.RecordRestart(Start);

        Assert.AreEqual(2, tracker.MarkHealthy());
        Assert.AreEqual(0, tracker.ConsecutiveFailures);
        Assert.AreEqual(2, tracker.Total);
    }
}
