using BackgroundRoles.Supervision.Tests.TestSupport;

namespace BackgroundRoles.Supervision.Tests;

public sealed partial class SupervisorTests
{
    private static readonly RestartPolicy Watched = Exact with { StallTimeout = Seconds(10), CancellationGrace = Seconds(3) };

    [TestMethod]
    public async Task RunAsync_NoHeartbeatWithinStallTimeout_CancelsAndRestartsTask()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, Watched);
        harness.StartRun();
        TaskRun first = await worker.NextRunAsync();
        await harness.Time.WaitForTimerAsync(Seconds(10));

        harness.Time.Advance(Seconds(10));

        await first.Ended.Task.WaitAsync(TestTimeouts.Guard);
        Assert.IsTrue(first.Token.IsCancellationRequested);
        await harness.Time.WaitForTimerAsync(Seconds(1));
        TaskHealth health = harness.Health("worker");
        Assert.AreEqual(TaskState.BackingOff, health.State);
        Assert.AreEqual(1, health.Restarts);
        StringAssert.StartsWith(health.LastError, typeof(TimeoutException).FullName);
        harness.Time.Advance(Seconds(1));
        Assert.AreEqual(2, (await worker.NextRunAsync()).Context.Attempt);
    }

    [TestMethod]
    public async Task RunAsync_HeartbeatsWithinStallTimeout_KeepTaskRunning()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, Watched);
        harness.StartRun();
        TaskRun run = await worker.NextRunAsync();
        await harness.Time.WaitForTimerAsync(Seconds(10));

        harness.Time.Advance(Seconds(6));
        run.Context.Heartbeat();
        harness.Time.Advance(Seconds(4));

        // The check at 10 s found a heartbeat from 6 s, so the next one is due at 16 s.
        await harness.Time.WaitForTimerAsync(Seconds(6));
        harness.Time.Advance(Seconds(5));
        run.Context.Heartbeat();
        harness.Time.Advance(Seconds(1));
        await harness.Time.WaitForTimerAsync(Seconds(9));

        Assert.AreEqual(1, worker.Started);
        Assert.IsFalse(run.Token.IsCancellationRequested);
        Assert.AreEqual(harness.Start + Seconds(15), harness.Health("worker").LastHeartbeat);

        // Once the heartbeats stop, the stall is detected.
        harness.Time.Advance(Seconds(9));
        await run.Ended.Task.WaitAsync(TestTimeouts.Guard);
        Assert.IsTrue(run.Token.IsCancellationRequested);
    }

    [TestMethod]
    public async Task RunAsync_StalledTaskIgnoresCancellation_ReportedLeakedWhileOthersRun()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask stubborn = harness.AddTask("stubborn", RunMode.IgnoresCancellation, Watched);
        ScriptedTask steady = harness.AddTask("steady", RunMode.Cooperative);
        harness.StartRun();
        TaskRun stubbornRun = await stubborn.NextRunAsync();
        TaskRun steadyRun = await steady.NextRunAsync();
        await harness.Time.WaitForTimerAsync(Seconds(10));
        harness.Time.Advance(Seconds(10));
        await harness.Time.WaitForTimerAsync(Seconds(3));

        harness.Time.Advance(Seconds(3));

        await harness.WaitForTaskStateAsync("stubborn", TaskState.Leaked);
        Assert.IsFalse(harness.Supervisor.IsHealthy);
        Assert.AreEqual(1, stubborn.Started);
        Assert.IsFalse(steadyRun.Token.IsCancellationRequested);
        Assert.AreEqual(TaskState.Running, harness.Health("steady").State);
        LogEntry leaked = await harness.Logger.WaitForAsync(2007);
        Assert.AreEqual(Microsoft.Extensions.Logging.LogLevel.Error, leaked.Level);

        // When the leaked run ends at last, the task is restarted after its backoff.
        stubbornRun.Return();
        await harness.Time.WaitForTimerAsync(Seconds(1));
        harness.Time.Advance(Seconds(1));
        Assert.AreEqual(2, (await stubborn.NextRunAsync()).Context.Attempt);
    }
}
