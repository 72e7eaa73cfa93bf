using BackgroundRoles.Supervision.Tests.TestSupport;

namespace BackgroundRoles.Supervision.Tests;

public sealed partial class SupervisorTests
{
    [TestMethod]
    public async Task RunAsync_FrozenBeforeStart_StartsNothingAndReturnsOnlyOnStop()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative);
        using var stop = new CancellationTokenSource();
        harness.Supervisor.SetFrozen(true);

        harness.StartRun(stop.Token);

        await harness.WaitForStateAsync(SupervisorState.Frozen);
        harness.Time.Advance(TimeSpan.FromHours(1));
        Assert.AreEqual(0, worker.Started);
        Assert.IsFalse(harness.Run.IsCompleted);
        Assert.AreEqual(TaskState.Frozen, harness.Health("worker").State);
        Assert.IsFalse(harness.Supervisor.IsHealthy);

        await stop.CancelAsync();

        SupervisorOutcome outcome = await harness.Run.WaitAsync(TestTimeouts.Guard);
        Assert.AreEqual(SupervisorOutcomeKind.Stopped, outcome.Kind);
        Assert.AreEqual(0, worker.Started);
    }

    [TestMethod]
    public async Task SetFrozen_TrueWhileRunning_DrainsAndParksTasks()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask first = harness.AddTask("first", RunMode.Cooperative);
        ScriptedTask second = harness.AddTask("second", RunMode.Cooperative);
        harness.StartRun();
        TaskRun firstRun = await first.NextRunAsync();
        TaskRun secondRun = await second.NextRunAsync();

        harness.Supervisor.SetFrozen(true);

        await harness.WaitForStateAsync(SupervisorState.Frozen);
        await Task.WhenAll(firstRun.Ended.Task, secondRun.Ended.Task).WaitAsync(TestTimeouts.Guard);
        Assert.IsTrue(firstRun.Token.IsCancellationRequested);
        Assert.IsTrue(secondRun.Token.IsCancellationRequested);
        Assert.IsTrue(harness.Supervisor.GetHealth().All(health => health.State == TaskState.Frozen));
        Assert.IsFalse(harness.Run.IsCompleted);
        Assert.AreEqual(0, harness.Health("first").Restarts);
    }

    [TestMethod]
    public async Task SetFrozen_FalseAfterFreeze_StartsTasksAgain()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative);
        harness.StartRun();
        await worker.NextRunAsync();
        harness.Supervisor.SetFrozen(true);
        await harness.WaitForStateAsync(SupervisorState.Frozen);

        harness.Supervisor.SetFrozen(false);

        TaskRun resumed = await worker.NextRunAsync();
        Assert.AreEqual(2, resumed.Context.Attempt);
        await harness.WaitUntilAsync(supervisor => supervisor.IsHealthy);
        Assert.AreEqual(SupervisorState.Running, harness.Supervisor.State);
    }

    [TestMethod]
    public async Task SetFrozen_TaskIgnoresCancellation_ParksOthersAndReportsItLeaked()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask stubborn = harness.AddTask("stubborn", RunMode.IgnoresCancellation, new RestartPolicy { CancellationGrace = Seconds(3) });
        ScriptedTask polite = harness.AddTask("polite", RunMode.Cooperative);
        harness.StartRun();
        await stubborn.NextRunAsync();
        await polite.NextRunAsync();

        harness.Supervisor.SetFrozen(true);
        await harness.Time.WaitForTimerAsync(Seconds(3));
        harness.Time.Advance(Seconds(3));

        await harness.WaitForStateAsync(SupervisorState.Frozen);
        Assert.AreEqual(TaskState.Leaked, harness.Health("stubborn").State);
        Assert.AreEqual(TaskState.Frozen, harness.Health("polite").State);
    }
}
