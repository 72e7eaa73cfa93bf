using BackgroundRoles.Supervision.Tests.TestSupport;

namespace BackgroundRoles.Supervision.Tests;

/// <summary>
/// Tests of <see cref="Supervisor"/>, one file per concern. Every test runs on a fake clock: it waits until the
/// supervisor has scheduled a delay (<see cref="TrackingTimeProvider.WaitForTimerAsync(TimeSpan)"/>) or reached a
/// state, then advances time; every await is guarded by a real-time timeout.
/// </summary>
[TestClass]
public sealed partial class SupervisorTests
{
    /// <summary>Fixed delays (no jitter) so tests can name the exact delay to expect.</summary>
    private static readonly RestartPolicy Exact = new() { UseJitter = false };

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);

    private static async Task<TaskRun> FailAndWaitForRestartAsync(SupervisorHarness harness, ScriptedTask task, TaskRun run, TimeSpan delay)
    {
        run.Fail();
        await harness.Time.WaitForTimerAsync(delay);
        harness.Time.Advance(delay);
        return await task.NextRunAsync();
    }
}
