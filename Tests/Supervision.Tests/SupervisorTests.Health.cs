using BackgroundRoles.Supervision.Tests.TestSupport;

namespace BackgroundRoles.Supervision.Tests;

public sealed partial class SupervisorTests
{
    [TestMethod]
    public async Task GetHealth_TaskFailedAfterHeartbeat_ReportsRestartsErrorAndTimes()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative, Exact with { RestartWindow = TimeSpan.FromMinutes(1) });
        harness.StartRun();
        TaskRun run = await worker.NextRunAsync();
        harness.Time.Advance(Seconds(2));
        run.Context.Heartbeat();
        harness.Time.Advance(Seconds(3));

        run.Fail(new InvalidOperationException("disk full"));
        await harness.Time.WaitForTimerAsync(Seconds(1));

        DateTimeOffset start = harness.Start;
        Assert.AreEqual(
            new TaskHealth(
                Name: "worker",
                State: TaskState.BackingOff,
                Restarts: 1,
                RecentRestarts: 1,
                LastError: "System.InvalidOperationException: disk full",
                LastErrorAt: start + Seconds(5),
                LastHeartbeat: start + Seconds(2),
                StartedAt: start,
                NextRestartAt: start + Seconds(6),
                Required: true)
            {
                LastErrorStack = harness.Health("worker").LastErrorStack,
            },
            harness.Health("worker"));
        StringAssert.StartsWith(harness.Health("worker").LastErrorStack, "System.InvalidOperationException: disk full" + Environment.NewLine, "the stack follows the type and message");

        harness.Time.Advance(Seconds(1));
        await worker.NextRunAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        TaskHealth restarted = harness.Health("worker");
        Assert.AreEqual(TaskState.Running, restarted.State);
        Assert.AreEqual(start + Seconds(6), restarted.StartedAt);
        Assert.IsNull(restarted.LastHeartbeat);
        Assert.IsNull(restarted.NextRestartAt);
        Assert.AreEqual(1, restarted.Restarts);
        Assert.AreEqual(0, restarted.RecentRestarts);
    }

    [TestMethod]
    public async Task GetHealth_TaskThrewFromDeepInside_KeepsTheStackCut()
    {
        await using var harness = new SupervisorHarness();
        harness.Supervisor.Add("deep", (_, _) => Task.Run(() => Throw(depth: 200)), Exact);
        harness.StartRun();

        await harness.Time.WaitForTimerAsync(Seconds(1));

        TaskHealth health = harness.Health("deep");
        Assert.AreEqual("System.InvalidOperationException: deep", health.LastError, "the one-line error is unchanged");
        StringAssert.StartsWith(health.LastErrorStack, "System.InvalidOperationException: deep" + Environment.NewLine);
        StringAssert.Contains(health.LastErrorStack, nameof(Throw), "the stack names the method that threw");
        StringAssert.Matches(health.LastErrorStack, new System.Text.RegularExpressions.Regex(@"\n… \(\d+ more characters\)$"));
        Assert.AreEqual(SupervisorDefaults.MaxErrorStackChars, health.LastErrorStack!.IndexOf("\n… (", StringComparison.Ordinal), "cut at the bound");
    }

    [TestMethod]
    public async Task IsHealthy_EveryRequiredTaskRunning_True()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.Cooperative);
        Assert.IsFalse(harness.Supervisor.IsHealthy);

        harness.StartRun();
        await worker.NextRunAsync();

        await harness.WaitUntilAsync(supervisor => supervisor.IsHealthy);
        Assert.AreEqual(SupervisorState.Running, harness.Supervisor.State);
    }

    [TestMethod]
    public async Task IsHealthy_RequiredTaskBackingOff_False()
    {
        await using var harness = new SupervisorHarness();
        harness.AddTask("required", RunMode.FailAtOnce, Exact);
        ScriptedTask steady = harness.AddTask("steady", RunMode.Cooperative);
        harness.StartRun();
        await steady.NextRunAsync();

        await harness.Time.WaitForTimerAsync(Seconds(1));

        Assert.AreEqual(TaskState.BackingOff, harness.Health("required").State);
        Assert.IsFalse(harness.Supervisor.IsHealthy);
    }

    [TestMethod]
    public async Task IsHealthy_OptionalTaskBackingOff_True()
    {
        await using var harness = new SupervisorHarness();
        harness.AddTask("optional", RunMode.FailAtOnce, Exact with { Required = false });
        ScriptedTask steady = harness.AddTask("steady", RunMode.Cooperative);
        harness.StartRun();
        await steady.NextRunAsync();

        await harness.Time.WaitForTimerAsync(Seconds(1));

        Assert.AreEqual(TaskState.BackingOff, harness.Health("optional").State);
        Assert.IsFalse(harness.Health("optional").Required);
        await harness.WaitUntilAsync(supervisor => supervisor.IsHealthy);
    }

    [TestMethod]
    public async Task HealthChanged_HandlerThrows_SupervisorGoesOn()
    {
        await using var harness = new SupervisorHarness();
        ScriptedTask worker = harness.AddTask("worker", RunMode.FailAtOnce, Exact);
        harness.Supervisor.HealthChanged += (_, _) => throw new InvalidOperationException("faulty observer");
        harness.StartRun();
        await worker.NextRunAsync();
        await harness.Time.WaitForTimerAsync(Seconds(1));

        harness.Time.Advance(Seconds(1));

        Assert.AreEqual(2, (await worker.NextRunAsync()).Context.Attempt);
        await harness.Logger.WaitForAsync(2017);
    }

    private static void Throw(int depth)
    {
        if (depth == 0)
        {
            throw new InvalidOperationException("deep");
        }

        Throw(depth - 1);
    }
}
