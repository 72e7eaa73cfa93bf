using BackgroundRoles.Supervision.Tests.TestSupport;

namespace BackgroundRoles.Supervision.Tests;

public sealed partial class SupervisorTests
{
    [TestMethod]
    public async Task StopAsync_CooperativeTasks_AllFinishAndRunAsyncReturnsStopped()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask first = harness.AddTask("first", RunMode.Cooperative);
        ScriptedTask second = harness.AddTask("second", RunMode.Cooperative);
        harness.StartRun();
        TaskRun firstRun = await first.NextRunAsync();
        TaskRun secondRun = await second.NextRunAsync();

        StopReport report = await harness.Supervisor.StopAsync(Seconds(30)).WaitAsync(TestTimeouts.Guard);

        CollectionAssert.AreEquivalent(new[] { "first", "second" }, report.Finished.ToArray());
        Assert.IsEmpty(report.Unfinished);
        Assert.AreEqual(TimeSpan.Zero, report.Elapsed);
        Assert.IsTrue(firstRun.Token.IsCancellationRequested);
        Assert.IsTrue(secondRun.Token.IsCancellationRequested);
        SupervisorOutcome outcome = await harness.Run.WaitAsync(TestTimeouts.Guard);
        Assert.AreEqual(SupervisorOutcomeKind.Stopped, outcome.Kind);
        Assert.AreEqual(SupervisorState.Stopped, harness.Supervisor.State);
        Assert.AreEqual(TaskState.Stopped, harness.Health("first").State);
    }

    [TestMethod]
    public async Task StopAsync_TaskIgnoresCancellation_ReportsItUnfinishedWithinBudget()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask stubborn = harness.AddTask("stubborn", RunMode.IgnoresCancellation, new RestartPolicy { CancellationGrace = TimeSpan.FromMinutes(1) });
        ScriptedTask polite = harness.AddTask("polite", RunMode.Cooperative);
        harness.StartRun();
        await stubborn.NextRunAsync();
        await polite.NextRunAsync();

        // A 10 s budget less the 1 s its stages keep for the host: the supervisor waits 9 s for the tasks.
        Task<StopReport> stopping = harness.Supervisor.StopAsync(Seconds(10));
        await harness.Time.WaitForTimerAsync(Seconds(9));
        harness.Time.Advance(Seconds(9));

        StopReport report = await stopping.WaitAsync(TestTimeouts.Guard);
        CollectionAssert.AreEqual(new[] { "stubborn" }, report.Unfinished.ToArray());
        CollectionAssert.AreEqual(new[] { "polite" }, report.Finished.ToArray());
        Assert.AreEqual(Seconds(9), report.Elapsed);
        Assert.AreEqual(SupervisorOutcomeKind.Stopped, (await harness.Run.WaitAsync(TestTimeouts.Guard)).Kind);
        LogEntry didNotStop = await harness.Logger.WaitForAsync(2015);
        StringAssert.Contains(didNotStop.Message, "stubborn");
    }

    [TestMethod]
    public async Task StopAsync_TaskSlowerThanItsCancellationGrace_WaitedForUntilTheStopsTaskGrace()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask draining = harness.AddTask("draining", RunMode.IgnoresCancellation, new RestartPolicy { CancellationGrace = Seconds(1) });
        harness.StartRun();
        TaskRun run = await draining.NextRunAsync();
        StopStages stages = StopStages.FromBudget(TimeSpan.FromMinutes(5));

        // Two timers of the stop's task grace: the supervisor's wait for its tasks, and the task's own grace.
        Task<StopReport> stopping = harness.Supervisor.StopAsync(stages.Budget);
        await harness.Time.WaitForTimersAsync(stages.TaskGrace, count: 2);
        harness.Time.Advance(Seconds(60));
        await harness.WaitForTaskStateAsync("draining", TaskState.Stopping);

        Assert.IsFalse(stopping.IsCompleted, "a task still draining one minute into a five-minute stop is waited for");
        run.Return();
        StopReport report = await stopping.WaitAsync(TestTimeouts.Guard);
        CollectionAssert.AreEqual(new[] { "draining" }, report.Finished.ToArray());
        Assert.IsEmpty(report.Unfinished);
        Assert.AreEqual(Seconds(60), report.Elapsed);
        Assert.AreEqual(TaskState.Stopped, harness.Health("draining").State);
    }

    [TestMethod]
    public async Task StopAsync_TaskIgnoresCancellationPastTaskGrace_LeakedAndStopEndsBeforeHostReserve()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask stubborn = harness.AddTask("stubborn", RunMode.IgnoresCancellation, new RestartPolicy { CancellationGrace = Seconds(1) });
        harness.StartRun();
        await stubborn.NextRunAsync();
        StopStages stages = StopStages.FromBudget(Seconds(60));

        Task<StopReport> stopping = harness.Supervisor.StopAsync(stages.Budget);
        await harness.Time.WaitForTimersAsync(stages.TaskGrace, count: 2);
        harness.Time.Advance(stages.TaskGrace);

        StopReport report = await stopping.WaitAsync(TestTimeouts.Guard);
        CollectionAssert.AreEqual(new[] { "stubborn" }, report.Unfinished.ToArray());
        Assert.AreEqual(stages.Budget - stages.HostReserve, report.Elapsed);
        LogEntry leaked = await harness.Logger.WaitForAsync(2007);
        StringAssert.Contains(leaked.Message, stages.TaskGrace.ToString(), "the grace it was given is the stop's, not its policy's 1 s");
    }

    [TestMethod]
    public async Task RunAsync_StopTokenCancelled_CancelsTasksAndReturnsStopped()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative);
        using var stop = new CancellationTokenSource();
        harness.StartRun(stop.Token);
        TaskRun run = await worker.NextRunAsync();

        await stop.CancelAsync();

        SupervisorOutcome outcome = await harness.Run.WaitAsync(TestTimeouts.Guard);
        Assert.AreEqual(SupervisorOutcomeKind.Stopped, outcome.Kind);
        Assert.IsTrue(run.Token.IsCancellationRequested);
        Assert.IsTrue(run.Ended.Task.IsCompleted);
    }

    [TestMethod]
    public async Task StopAsync_BeforeRunAsync_RunAsyncReturnsStoppedWithoutStartingTasks()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative);

        StopReport report = await harness.Supervisor.StopAsync(Seconds(30)).WaitAsync(TestTimeouts.Guard);
        harness.StartRun();

        CollectionAssert.AreEqual(new[] { "worker" }, report.Finished.ToArray());
        Assert.AreEqual(SupervisorOutcomeKind.Stopped, (await harness.Run.WaitAsync(TestTimeouts.Guard)).Kind);
        Assert.AreEqual(0, worker.Started);
    }

    [TestMethod]
    public async Task StopAsync_CalledTwice_ReturnsTheSameReport()
    {
        await using var harness = new SupervisorHarness();
        harness.AddTask("worker", RunMode.Cooperative);
        harness.StartRun();

        Task<StopReport> first = harness.Supervisor.StopAsync(Seconds(30));
        Task<StopReport> second = harness.Supervisor.StopAsync(Seconds(1));

        Assert.AreSame(await first.WaitAsync(TestTimeouts.Guard), await second.WaitAsync(TestTimeouts.Guard));
    }
}
