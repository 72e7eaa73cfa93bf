using BackgroundRoles.Supervision.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Supervision.Tests;

public sealed partial class SupervisorTests
{
    [TestMethod]
    public async Task RunAsync_RepeatedFailuresThenHealthyRun_LogsWarningThenErrorThenRecovery()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, Exact with { HealthyPeriod = Seconds(10) });
        harness.StartRun();
        TaskRun run = await worker.NextRunAsync();
        run = await FailAndWaitForRestartAsync(harness, worker, run, Seconds(1));
        run = await FailAndWaitForRestartAsync(harness, worker, run, Seconds(2));
        run = await FailAndWaitForRestartAsync(harness, worker, run, Seconds(4));

        await harness.Time.WaitForTimerAsync(Seconds(10));
        harness.Time.Advance(Seconds(10));
        await harness.Logger.WaitForAsync(2005);

        LogEntry[] failures = harness.Logger.Entries.Where(entry => entry.EventId is >= 2002 and <= 2005).ToArray();
        CollectionAssert.AreEqual(
            new[] { LogLevel.Warning, LogLevel.Debug, LogLevel.Error, LogLevel.Information },
            failures.Select(entry => entry.Level).ToArray());
        StringAssert.Contains(failures[^1].Message, "recovered after 3 failures");
        Assert.IsTrue(harness.Logger.Entries.All(entry => entry.EventId is >= 2000 and <= 2099));
    }
}
