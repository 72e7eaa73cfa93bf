using BackgroundRoles.Supervision.Tests.TestSupport;

namespace BackgroundRoles.Supervision.Tests;

public sealed partial class SupervisorTests
{
    [TestMethod]
    public async Task RunAsync_MoreThanMaxRestartsWithinWindow_EscalatesAndCancelsEveryTask()
    {
        await using var harness = new SupervisorHarness();
        var policy = Exact with { MaxBackoff = Seconds(1), MaxRestarts = 2, RestartWindow = TimeSpan.FromMinutes(1) };
        ScriptedTask worker = harness.AddTask("worker", RunMode.FailAtOnce, policy);
        ScriptedTask bystander = harness.AddTask("bystander", RunMode.Cooperative);
        harness.StartRun();
        TaskRun bystanderRun = await bystander.NextRunAsync();

        for (int restart = 1; restart <= 2; restart++)
        {
            await worker.NextRunAsync();
            await harness.Time.WaitForTimerAsync(Seconds(1));
            harness.Time.Advance(Seconds(1));
        }

        SupervisorOutcome outcome = await harness.Run.WaitAsync(TestTimeouts.Guard);
        Assert.AreEqual(SupervisorOutcomeKind.Escalated, outcome.Kind);
        Assert.AreEqual(EscalationReason.RestartLimitExceeded, outcome.Reason);
        Assert.AreEqual("worker", outcome.TaskName);
        Assert.IsInstanceOfType<InvalidOperationException>(outcome.Exception);
        Assert.AreEqual(3, worker.Started);
        Assert.IsTrue(bystanderRun.Token.IsCancellationRequested);
        await bystanderRun.Ended.Task.WaitAsync(TestTimeouts.Guard);
        Assert.AreEqual(SupervisorState.Escalated, harness.Supervisor.State);
        Assert.AreEqual(TaskState.Faulted, harness.Health("worker").State);
        Assert.AreEqual(2, harness.Health("worker").Restarts);
    }

    [TestMethod]
    public async Task RunAsync_RestartsSpreadBeyondWindow_DoesNotEscalate()
    {
        await using var harness = new SupervisorHarness();
        var policy = Exact with { MaxBackoff = Seconds(1), MaxRestarts = 2, RestartWindow = Seconds(10), HealthyPeriod = TimeSpan.FromHours(1) };
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, policy);
        harness.StartRun();
        TaskRun run = await worker.NextRunAsync();

        // Restarts at 0 s, 6 s and 12 s: never more than two within any 10 s.
        run = await FailAndWaitForRestartAsync(harness, worker, run, Seconds(1));
        harness.Time.Advance(Seconds(5));
        run = await FailAndWaitForRestartAsync(harness, worker, run, Seconds(1));
        harness.Time.Advance(Seconds(5));
        run = await FailAndWaitForRestartAsync(harness, worker, run, Seconds(1));

        Assert.AreEqual(4, run.Context.Attempt);
        Assert.IsFalse(harness.Run.IsCompleted);
        TaskHealth health = harness.Health("worker");
        Assert.AreEqual(3, health.Restarts);
        Assert.AreEqual(2, health.RecentRestarts);
    }

    [TestMethod]
    public async Task RunAsync_CorruptStateException_EscalatesAndCancelsEveryTask()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative);
        ScriptedTask bystander = harness.AddTask("bystander", RunMode.Cooperative);
        harness.StartRun();
        TaskRun bystanderRun = await bystander.NextRunAsync();

        (await worker.NextRunAsync()).Fail(new InvalidOperationException("wrapper", new CorruptStateException("ledger")));

        SupervisorOutcome outcome = await harness.Run.WaitAsync(TestTimeouts.Guard);
        Assert.AreEqual(SupervisorOutcomeKind.Escalated, outcome.Kind);
        Assert.AreEqual(EscalationReason.CorruptState, outcome.Reason);
        Assert.AreEqual("worker", outcome.TaskName);
        Assert.IsTrue(bystanderRun.Token.IsCancellationRequested);
        Assert.AreEqual(1, worker.Started);
        Assert.AreEqual(0, harness.Health("worker").Restarts);
    }

    [TestMethod]
    public async Task RunAsync_CustomCorruptStatePredicateMatches_Escalates()
    {
        await using var harness = new SupervisorHarness(isCorruptState: exception => exception is InvalidDataException);
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative);
        harness.StartRun();

        (await worker.NextRunAsync()).Fail(new InvalidDataException("checksum mismatch"));

        SupervisorOutcome outcome = await harness.Run.WaitAsync(TestTimeouts.Guard);
        Assert.AreEqual(EscalationReason.CorruptState, outcome.Reason);
        Assert.IsInstanceOfType<InvalidDataException>(outcome.Exception);
    }

    [TestMethod]
    public async Task RunAsync_CustomCorruptStatePredicateDoesNotMatch_Restarts()
    {
        await using var harness = new SupervisorHarness(isCorruptState: exception => exception is InvalidDataException);
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, Exact);
        harness.StartRun();

        TaskRun run = await worker.NextRunAsync();
        run = await FailAndWaitForRestartAsync(harness, worker, run, Seconds(1));

        Assert.AreEqual(2, run.Context.Attempt);
        Assert.IsFalse(harness.Run.IsCompleted);
    }

    [TestMethod]
    public async Task RunAsync_FatalException_CancelsEveryTaskAndRethrows()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative);
        ScriptedTask bystander = harness.AddTask("bystander", RunMode.Cooperative);
        harness.StartRun();
        TaskRun bystanderRun = await bystander.NextRunAsync();

        (await worker.NextRunAsync()).Fail(new OutOfMemoryException("simulated"));

        await Assert.ThrowsExactlyAsync<OutOfMemoryException>(() => harness.Run.WaitAsync(TestTimeouts.Guard));
        Assert.IsTrue(bystanderRun.Token.IsCancellationRequested);
        Assert.AreEqual(1, worker.Started);
    }
}
