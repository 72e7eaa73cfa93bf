using BackgroundRoles.Supervision.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Supervision.Tests;

public sealed partial class SupervisorTests
{
    [TestMethod]
    public async Task RunAsync_SupervisorDecider_AppliesToTasksWithoutTheirOwn()
    {
        var time = new TrackingTimeProvider();
        await using var supervisor = new Supervisor(
            new SupervisorOptions { TimeProvider = time, Decider = _ => TaskDirective.Stop },
            NullLogger<Supervisor>.Instance);
        var stopped = new ScriptedTask("stopped", RunMode.Cooperative);
        var own = new ScriptedTask("own", RunMode.Cooperative);
        supervisor.Add(stopped);
        supervisor.Add(own, Exact with { Decider = _ => TaskDirective.Restart });
        Task<SupervisorOutcome> run = supervisor.RunAsync(CancellationToken.None);

        (await stopped.NextRunAsync()).Fail();
        (await own.NextRunAsync()).Fail();
        await time.WaitForTimerAsync(Seconds(1));
        time.Advance(Seconds(1));
        TaskRun restarted = await own.NextRunAsync();

        Assert.AreEqual(2, restarted.Context.Attempt, "its own decider restarts it");

        // The two failures are handled by each task's own runner: the other's restart says nothing about when this one's
        // Stop was applied, so wait for its state to say so.
        await SupervisorWait.UntilAsync(supervisor, s => s.GetHealth().Single(health => health.Name == "stopped").State == TaskState.Degraded);
        Assert.AreEqual(TaskState.Degraded, supervisor.GetHealth().Single(health => health.Name == "stopped").State);
        Assert.IsTrue(supervisor.IsDegraded);
        await supervisor.StopAsync(TimeSpan.Zero);
        stopped.ReleaseAll();
        own.ReleaseAll();
        await run.WaitAsync(TestTimeouts.Guard);
    }
}
