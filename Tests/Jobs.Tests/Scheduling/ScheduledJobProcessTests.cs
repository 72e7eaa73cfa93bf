using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests.Scheduling;

/// <summary>
/// A per-second scheduled job on three real ScheduleRole instances (each under its own <c>cloudservice host</c>) over
/// the test Azurite: every tick runs on exactly one of them. Not run in parallel with other tests, so that the
/// machine's other work does not starve the instances of the tick's second.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ScheduledJobProcessTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task ThreeInstances_PerSecondScheduleFor30Seconds_EachTickRunsExactlyOnce()
    {
        using var service = new ScheduleService(TestAzurite.ConnectionString, new Dictionary<string, string>
        {
            ["Schedule.Expression"] = "* * * * * *",
            ["Schedule.MissedTicks"] = "Skip",
            ["Singleton.Enabled"] = "false",
        });
        await service.StartManyAsync(3);

        // Every instance waits for its ticks from here on: the window's ticks each have three candidates.
        var from = Second(DateTimeOffset.UtcNow).AddSeconds(2);
        await Task.Delay(from + Window - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2));
        var to = from + Window;

        var ticks = await service.Records.TicksAsync(service.Name);
        var duplicates = await service.Records.DuplicatesAsync(service.Name);
        var table = "tick -> instance:" + Environment.NewLine + ScheduleRoleRecordsReader.Describe(ticks);
        Assert.AreEqual(0, duplicates.Count, $"ticks run twice:{Environment.NewLine}{ScheduleRoleRecordsReader.Describe(duplicates)}{Environment.NewLine}{table}");

        // Skip is the policy, but with three instances up no tick was missed by all of them: every second has its run.
        var expected = Enumerable.Range(0, (int)Window.TotalSeconds + 1).Select(s => from.AddSeconds(s)).ToList();
        var missing = expected.Except(ticks.Select(t => t.Tick)).ToList();
        Assert.AreEqual(0, missing.Count, $"ticks with no run: {string.Join(", ", missing.Select(m => m.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)))}{Environment.NewLine}{table}");
        Assert.IsTrue(ticks.Where(t => t.Tick >= from && t.Tick <= to).All(t => t.Kind == "Tick"), table);
        Assert.IsTrue(service.Instances.Values.All(i => !i.Lines.Any(l => l.Contains("DUPLICATE", StringComparison.Ordinal))), service.Output);
    }

    private static DateTimeOffset Second(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
