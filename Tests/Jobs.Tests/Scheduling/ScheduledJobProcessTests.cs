using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;
using BackgroundRoles.Tests.ScheduleRole;

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

        // The window opens once the job has run a tick: a first start creates the table, the lease container and the
        // schedule record, which on a busy machine takes longer than a tick, and ticks missed then are the policy's
        // (Skip), not a gap. From here on every instance waits for its ticks: each tick has three candidates.
        await WaitForTicksAsync(service, ticks => ticks.Any(t => t.Kind == "Tick"));
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

    [TestMethod]
    public async Task NoInstanceForSomeTicks_RunOnceOnStart_OneMissedRunAtRestartAndNoneForTheRest()
    {
        using var service = new ScheduleService(TestAzurite.ConnectionString, new Dictionary<string, string>
        {
            ["Schedule.Expression"] = "* * * * * *",
            ["Schedule.MissedTicks"] = "RunOnceOnStart",
            ["Singleton.Enabled"] = "false",
        });
        await service.StartAsync(0);
        await WaitForTicksAsync(service, ticks => ticks.Count >= 2);
        await service.StopAsync(0);
        var before = await service.Records.TicksAsync(service.Name);
        await Task.Delay(TimeSpan.FromSeconds(4));

        var restartedAt = DateTimeOffset.UtcNow;
        await service.StartAsync(0);
        var ticks = await WaitForTicksAsync(service, ticks => ticks.Count(t => t.Tick > restartedAt) >= 2);

        var table = "tick -> instance:" + Environment.NewLine + ScheduleRoleRecordsReader.Describe(ticks);
        var last = before[^1].Tick;
        // (The first start may have one too: a tick that fell due while the new record was being created, before the
        // instance waited for ticks, was run by no instance.)
        var missed = ticks.Where(t => t.Kind == "MissedTick" && t.Start >= restartedAt).ToList();
        Assert.AreEqual(1, missed.Count, table);
        Assert.AreEqual(last.AddSeconds(1), missed[0].Tick, "the missed run is for the first tick due after the last run: " + table);
        Assert.IsFalse(ticks.Any(t => t.Tick > missed[0].Tick && t.Tick < restartedAt), "the other missed ticks are not run: " + table);
        Assert.AreEqual(0, (await service.Records.DuplicatesAsync(service.Name)).Count, table);
    }

    private static async Task<IReadOnlyList<TickRecord>> WaitForTicksAsync(ScheduleService service, Func<IReadOnlyList<TickRecord>, bool> done)
    {
        var deadline = DateTime.UtcNow + ScheduleService.StartTimeout;
        while (true)
        {
            var ticks = await service.Records.TicksAsync(service.Name);
            if (done(ticks))
            {
                return ticks;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The ticks did not come:{Environment.NewLine}{ScheduleRoleRecordsReader.Describe(ticks)}{Environment.NewLine}{service.Output}");
            }

            await Task.Delay(200);
        }
    }

    private static DateTimeOffset Second(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
