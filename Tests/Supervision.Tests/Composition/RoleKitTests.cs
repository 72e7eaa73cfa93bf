using BackgroundRoles.Supervision.Composition;
using BackgroundRoles.Supervision.Tests.TestSupport;

namespace BackgroundRoles.Supervision.Tests.Composition;

/// <summary>The role composition kit on a fake clock: stop stages from the budget and a decider's three choices.</summary>
[TestClass]
public sealed class RoleKitTests
{
    private static TimeSpan Seconds(double value) => TimeSpan.FromSeconds(value);

    [TestMethod]
    public async Task Constructor_StopBudget_EveryStageAndTheDefaultGraceComeFromIt()
    {
        await using var harness = new KitHarness(stopBudget: Seconds(20));

        Assert.AreEqual(StopStages.FromBudget(Seconds(20)), harness.Kit.StopStages);
        Assert.AreEqual(Seconds(15), harness.Kit.StopStages.Drain);
        Assert.AreEqual(Seconds(2), harness.Kit.StopStages.Release);
        Assert.AreEqual(Seconds(1), harness.Kit.StopStages.HandlerGrace);
        Assert.AreEqual(Seconds(2), harness.Kit.StopStages.HostReserve);
        Assert.AreEqual(Seconds(18), harness.Kit.DefaultPolicy.CancellationGrace, "a freeze gives a task as long as a stop");
    }

    [TestMethod]
    public async Task Stop_TaskIgnoringCancellation_WaitedForTheBudgetsTaskGrace()
    {
        await using var harness = new KitHarness(stopBudget: Seconds(20));
        ScriptedTask stubborn = harness.AddTask("stubborn", RunMode.IgnoresCancellation);
        harness.StartRun();
        await stubborn.NextRunAsync();

        Task<StopReport> stop = harness.Supervisor.StopAsync(harness.Kit.StopStages.Budget);
        await harness.Time.WaitForTimerAsync(Seconds(18));
        harness.Time.Advance(Seconds(18));
        StopReport report = await stop.WaitAsync(TestTimeouts.Guard);

        CollectionAssert.AreEqual(new[] { "stubborn" }, report.Unfinished.ToArray());
    }

    [TestMethod]
    public async Task Decider_RestartForCorruptState_RestartsInsteadOfEscalating()
    {
        await using var harness = new KitHarness();
        var policy = harness.Kit.DefaultPolicy with { UseJitter = false, Decider = _ => TaskDirective.Restart };
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, policy);
        harness.StartRun();
        TaskRun first = await worker.NextRunAsync();

        first.Fail(new CorruptStateException("ledger"));
        await harness.Time.WaitForTimerAsync(Seconds(1));
        harness.Time.Advance(Seconds(1));
        TaskRun second = await worker.NextRunAsync();

        Assert.AreEqual(2, second.Context.Attempt);
        Assert.IsFalse(harness.Run.IsCompleted, "no escalation");
        Assert.AreEqual(1, harness.Health("worker").Restarts);
    }

    [TestMethod]
    public async Task Decider_EscalateForAnOrdinaryFailure_EscalatesAsDecided()
    {
        await using var harness = new KitHarness();
        var policy = harness.Kit.DefaultPolicy with { Decider = error => error is TimeoutException ? TaskDirective.Escalate : TaskDirective.Restart };
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, policy);
        ScriptedTask bystander = harness.AddTask("bystander", RunMode.Cooperative);
        harness.StartRun();
        TaskRun run = await worker.NextRunAsync();
        TaskRun bystanderRun = await bystander.NextRunAsync();

        run.Fail(new TimeoutException("downstream"));
        SupervisorOutcome outcome = await harness.Run.WaitAsync(TestTimeouts.Guard);

        Assert.AreEqual(SupervisorOutcomeKind.Escalated, outcome.Kind);
        Assert.AreEqual(EscalationReason.Decided, outcome.Reason);
        Assert.AreEqual("worker", outcome.TaskName);
        Assert.IsTrue(bystanderRun.Token.IsCancellationRequested, "an escalation cancels every task");
        Assert.AreEqual(TaskState.Faulted, harness.Health("worker").State);
    }

    [TestMethod]
    public async Task Decider_Stop_StopsTheTaskMarksTheRoleDegradedAndTheOthersGoOn()
    {
        await using var harness = new KitHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, harness.Kit.DefaultPolicy with { Decider = _ => TaskDirective.Stop });
        ScriptedTask bystander = harness.AddTask("bystander", RunMode.Cooperative);
        harness.StartRun();
        TaskRun run = await worker.NextRunAsync();
        TaskRun bystanderRun = await bystander.NextRunAsync();

        run.Fail(new InvalidOperationException("broken feature"));
        await harness.WaitForTaskStateAsync("worker", TaskState.Degraded);

        Assert.IsTrue(harness.Supervisor.IsDegraded);
        Assert.IsTrue(harness.Supervisor.IsHealthy, "a degraded role stays in rotation");
        Assert.AreEqual(SupervisorState.Running, harness.Supervisor.State);
        Assert.IsFalse(bystanderRun.Token.IsCancellationRequested);
        StringAssert.Contains(harness.Health("worker").LastError, "broken feature");
        Assert.IsNotNull(await harness.Logs.Logger.WaitForAsync(2018));

        // Not restarted by a freeze and a thaw either: it is stopped for the life of the supervisor.
        harness.Supervisor.SetFrozen(true);
        await harness.WaitUntilAsync(supervisor => supervisor.State == SupervisorState.Frozen);
        harness.Supervisor.SetFrozen(false);
        await bystander.NextRunAsync();
        Assert.AreEqual(1, worker.Started);
        Assert.AreEqual(TaskState.Degraded, harness.Health("worker").State);
    }

    [TestMethod]
    public async Task Decider_Default_CorruptStateEscalatesAndOtherFailuresRestart()
    {
        await using var harness = new KitHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, harness.Kit.DefaultPolicy with { UseJitter = false });
        harness.StartRun();
        TaskRun first = await worker.NextRunAsync();

        first.Fail(new InvalidOperationException("transient"));
        await harness.Time.WaitForTimerAsync(Seconds(1));
        harness.Time.Advance(Seconds(1));
        TaskRun second = await worker.NextRunAsync();
        second.Fail(new CorruptStateException("ledger"));
        SupervisorOutcome outcome = await harness.Run.WaitAsync(TestTimeouts.Guard);

        Assert.AreEqual(EscalationReason.CorruptState, outcome.Reason);
    }
}
