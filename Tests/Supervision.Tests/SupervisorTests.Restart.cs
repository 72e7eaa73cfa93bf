using BackgroundRoles.Supervision.Tests.TestSupport;

namespace BackgroundRoles.Supervision.Tests;

public sealed partial class SupervisorTests
{
    [TestMethod]
    public async Task RunAsync_TaskFails_RestartsOnlyAfterBackoffElapses()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.FailAtOnce, Exact);
        harness.StartRun();
        await worker.NextRunAsync();
        await harness.Time.WaitForTimerAsync(Seconds(1));

        harness.Time.Advance(Seconds(1) - TimeSpan.FromMilliseconds(1));
        Assert.AreEqual(1, worker.Started);
        Assert.AreEqual(TaskState.BackingOff, harness.Health("worker").State);

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        TaskRun second = await worker.NextRunAsync();
        Assert.AreEqual(2, second.Context.Attempt);
    }

    [TestMethod]
    public async Task RunAsync_TaskKeepsFailing_BackoffDoublesUpToMaxBackoff()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.FailAtOnce, Exact with { MaxBackoff = Seconds(4) });
        harness.StartRun();

        foreach (double expected in new[] { 1, 2, 4, 4, 4 })
        {
            await worker.NextRunAsync();
            await harness.Time.WaitForTimerAsync(Seconds(expected));
            Assert.AreEqual(harness.Time.GetUtcNow() + Seconds(expected), harness.Health("worker").NextRestartAt);
            harness.Time.Advance(Seconds(expected));
        }

        Assert.AreEqual(6, (await worker.NextRunAsync()).Context.Attempt);
    }

    [TestMethod]
    public async Task RunAsync_JitterEnabled_DelaysStayWithinMaxBackoff()
    {
        await using var harness = new SupervisorHarness();
        var policy = new RestartPolicy { InitialBackoff = Seconds(1), MaxBackoff = Seconds(3) };
        ScriptedTask worker = harness.AddTask("worker", RunMode.FailAtOnce, policy);
        harness.StartRun();

        for (int attempt = 1; attempt <= 6; attempt++)
        {
            await worker.NextRunAsync();
            await harness.Time.WaitForTimerAsync(due => due > TimeSpan.Zero && due <= Seconds(3));
            harness.Time.Advance(Seconds(3));
        }

        Assert.AreEqual(7, (await worker.NextRunAsync()).Context.Attempt);
    }

    [TestMethod]
    public async Task RunAsync_TaskRanHealthyPeriod_BackoffStartsAgainFromInitial()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, Exact with { HealthyPeriod = Seconds(10) });
        harness.StartRun();
        TaskRun run = await worker.NextRunAsync();
        run = await FailAndWaitForRestartAsync(harness, worker, run, Seconds(1));
        run = await FailAndWaitForRestartAsync(harness, worker, run, Seconds(2));

        // The third run lasts the healthy period; without it the next delay would be 4 s.
        await harness.Time.WaitForTimerAsync(Seconds(10));
        harness.Time.Advance(Seconds(10));
        run.Fail();

        await harness.Time.WaitForTimerAsync(Seconds(1));
        Assert.AreEqual(harness.Time.GetUtcNow() + Seconds(1), harness.Health("worker").NextRestartAt);
    }

    [TestMethod]
    public async Task RunAsync_TaskReturnsWhileItShouldRun_IsRestarted()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, Exact);
        harness.StartRun();

        (await worker.NextRunAsync()).Return();
        await harness.Time.WaitForTimerAsync(Seconds(1));
        StringAssert.Contains(harness.Health("worker").LastError, "returned while it should still be running");
        harness.Time.Advance(Seconds(1));

        Assert.AreEqual(2, (await worker.NextRunAsync()).Context.Attempt);
    }

    [TestMethod]
    public async Task RunAsync_OneTaskKeepsFailing_OtherTasksKeepRunning()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask failing = harness.AddTask("failing", RunMode.FailAtOnce, Exact);
        ScriptedTask steady = harness.AddTask("steady", RunMode.Cooperative);
        harness.StartRun();
        TaskRun steadyRun = await steady.NextRunAsync();

        foreach (double delay in new[] { 1, 2, 4 })
        {
            await failing.NextRunAsync();
            await harness.Time.WaitForTimerAsync(Seconds(delay));
            harness.Time.Advance(Seconds(delay));
        }

        await failing.NextRunAsync();
        Assert.AreEqual(1, steady.Started);
        Assert.IsFalse(steadyRun.Token.IsCancellationRequested);
        Assert.AreEqual(TaskState.Running, harness.Health("steady").State);
        Assert.IsFalse(harness.Run.IsCompleted);
    }

    [TestMethod]
    public async Task RunAsync_HealthyPeriodLongerThanTimerLimit_TaskStillRuns()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, Exact with { HealthyPeriod = TimeSpan.FromDays(365) });
        harness.StartRun();

        TaskRun run = await worker.NextRunAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromDays(1));
        harness.Time.Advance(TimeSpan.FromDays(1));
        await harness.Time.WaitForTimerAsync(TimeSpan.FromDays(1));

        Assert.AreEqual(TaskState.Running, harness.Health("worker").State);
        Assert.IsFalse(run.Token.IsCancellationRequested);
    }
}
