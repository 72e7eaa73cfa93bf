using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Runtime.Tests.Supervision;

/// <summary>The supervisor bound to a role environment: Freeze, Changed, StatusCheck and the stop budget.</summary>
[TestClass]
public sealed class RoleSupervisorTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [TestMethod]
    public async Task Run_FreezeTrueAtStart_StartsNoTaskAndParksUntilStop()
    {
        var (environment, supervisor, started) = Create(freeze: "true");
        using var roleSupervisor = new RoleSupervisor(supervisor, environment, NullLogger<RoleSupervisor>.Instance);

        var run = Task.Run(roleSupervisor.Run);
        await WaitForStateAsync(supervisor, SupervisorState.Frozen);

        Assert.IsFalse(run.IsCompleted, "a frozen role does not return from Run");
        Assert.IsFalse(started.Task.IsCompleted, "no task started");
        roleSupervisor.Stop();
        Assert.AreEqual(SupervisorOutcomeKind.Stopped, (await run.WaitAsync(Guard)).Kind);
    }

    [TestMethod]
    public async Task Changed_FreezeFlippedToFalse_StartsTheTasks()
    {
        var (environment, supervisor, started) = Create(freeze: "true");
        using var roleSupervisor = new RoleSupervisor(supervisor, environment, NullLogger<RoleSupervisor>.Instance);
        var run = Task.Run(roleSupervisor.Run);
        await WaitForStateAsync(supervisor, SupervisorState.Frozen);

        Assert.IsTrue(environment.ApplySettings(With(environment, "Freeze", "false")));

        await started.Task.WaitAsync(Guard);
        roleSupervisor.Stop();
        await run.WaitAsync(Guard);
    }

    [TestMethod]
    public async Task Changed_FreezeFlippedToTrue_DrainsAndParksTheTasks()
    {
        var (environment, supervisor, started) = Create(freeze: "false");
        using var roleSupervisor = new RoleSupervisor(supervisor, environment, NullLogger<RoleSupervisor>.Instance);
        var run = Task.Run(roleSupervisor.Run);
        var token = await started.Task.WaitAsync(Guard);

        environment.ApplySettings(With(environment, "Freeze", "true"));
        await WaitForStateAsync(supervisor, SupervisorState.Frozen);

        Assert.IsTrue(token.IsCancellationRequested, "the running task was drained");
        Assert.IsFalse(run.IsCompleted);
        Assert.AreEqual(RoleInstanceStatus.Ready, environment.CheckStatus(), "a frozen role is stable, not Busy");
        roleSupervisor.Stop();
        await run.WaitAsync(Guard);
    }

    [TestMethod]
    public async Task StatusCheck_RequiredTaskBackingOff_ReportsBusy()
    {
        var time = new FakeTimeProvider();
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create(new Dictionary<string, string> { ["Freeze"] = "false" }));
        var supervisor = new Supervisor(new SupervisorOptions { TimeProvider = time }, NullLogger<Supervisor>.Instance);
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        supervisor.Add("failing", (_, _) =>
        {
            failed.TrySetResult();
            throw new InvalidOperationException("down");
        });
        using var roleSupervisor = new RoleSupervisor(supervisor, environment, NullLogger<RoleSupervisor>.Instance);
        var run = Task.Run(roleSupervisor.Run);
        await failed.Task.WaitAsync(Guard);

        await WaitUntilAsync(() => supervisor.GetHealth()[0].State == TaskState.BackingOff);

        Assert.AreEqual(RoleInstanceStatus.Busy, environment.CheckStatus());
        roleSupervisor.Stop();
        await run.WaitAsync(Guard);
    }

    [TestMethod]
    public void TryReadFreeze_NotABoolean_ReturnsFalse()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create(new Dictionary<string, string> { ["Freeze"] = "maybe" }));

        Assert.IsFalse(RoleSupervisor.TryReadFreeze(environment, out _));
    }

    [TestMethod]
    public void StopStagesOf_StopBudgetSettingLowersIt_StagesOfTheLoweredBudget()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create(new Dictionary<string, string> { ["BackgroundRoles.StopBudget"] = "20" }));

        var stages = RoleSupervisor.StopStagesOf(environment);

        Assert.AreEqual(TimeSpan.FromSeconds(20), stages.Budget);
        Assert.AreEqual(TimeSpan.FromSeconds(15), stages.Drain);
        Assert.AreEqual(TimeSpan.FromSeconds(18), stages.TaskGrace);
        Assert.AreEqual(StopStages.FromBudget(environment.StopBudget), stages);
    }

    [TestMethod]
    public void StopStagesOf_NoSetting_StagesOfFiveMinutes()
    {
        var stages = RoleSupervisor.StopStagesOf(new RoleInstanceEnvironment(TestDescriptors.Create()));

        Assert.AreEqual(TimeSpan.FromMinutes(5), stages.Budget);
        Assert.AreEqual(TimeSpan.FromSeconds(295), stages.TaskGrace);
    }

    [TestMethod]
    public async Task Run_TaskStarts_PublishesTheHealthThroughTheEnvironment()
    {
        var (environment, supervisor, started) = Create(freeze: "false");
        var reports = new System.Collections.Concurrent.ConcurrentQueue<SupervisorHealthReport>();
        environment.HealthPublished += (_, report) => reports.Enqueue(report);
        using var roleSupervisor = new RoleSupervisor(supervisor, environment, NullLogger<RoleSupervisor>.Instance);
        Assert.IsNotNull(environment.Health, "a first snapshot at once");

        var run = Task.Run(roleSupervisor.Run);
        await started.Task.WaitAsync(Guard);
        await WaitUntilAsync(() => environment.Health is { State: SupervisorState.Running, Tasks: [{ State: TaskState.Running }] });

        Assert.AreEqual("worker", environment.Health!.Tasks[0].Name);
        Assert.IsFalse(reports.IsEmpty);
        roleSupervisor.Stop();
        await run.WaitAsync(Guard);
    }

    private static (RoleInstanceEnvironment Environment, Supervisor Supervisor, TaskCompletionSource<CancellationToken> Started) Create(string freeze)
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create(new Dictionary<string, string> { ["Freeze"] = freeze }));
        var supervisor = new Supervisor(new SupervisorOptions { TimeProvider = new FakeTimeProvider() }, NullLogger<Supervisor>.Instance);
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        supervisor.Add("worker", async (_, cancellationToken) =>
        {
            started.TrySetResult(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        });
        return (environment, supervisor, started);
    }

    private static Dictionary<string, string> With(RoleInstanceEnvironment environment, string name, string value) =>
        new(environment.Settings) { [name] = value };

    private static Task WaitForStateAsync(Supervisor supervisor, SupervisorState state) => WaitUntilAsync(() => supervisor.State == state);

    /// <summary>Waits on a condition the code under test sets from another thread; bounded by the guard, no fixed sleeps.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within the guard.");
            }

            await Task.Yield();
        }
    }
}
