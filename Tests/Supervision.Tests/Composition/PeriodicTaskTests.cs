using System.Threading.Channels;
using BackgroundRoles.Supervision.Tests.TestSupport;

namespace BackgroundRoles.Supervision.Tests.Composition;

/// <summary>Periodic tasks declared on the kit, on a fake clock: a fixed grid, no overlap, failures supervised.</summary>
[TestClass]
public sealed class PeriodicTaskTests
{
    private const int RunSkippedEventId = 2019;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [TestMethod]
    public async Task AddPeriodic_Started_RunsAtOnceAndAgainAtEachTick()
    {
        await using var harness = new KitHarness();
        var runs = Channel.CreateUnbounded<DateTimeOffset>();
        harness.Kit.AddPeriodic("tick", Interval, (context, _) =>
        {
            runs.Writer.TryWrite(context.TimeProvider.GetUtcNow());
            return Task.CompletedTask;
        });
        DateTimeOffset start = harness.Time.GetUtcNow();
        harness.StartRun();

        Assert.AreEqual(start, await NextAsync(runs));
        await harness.Time.WaitForTimerAsync(Interval);
        harness.Time.Advance(Interval);
        Assert.AreEqual(start + Interval, await NextAsync(runs));
        await harness.Time.WaitForTimerAsync(Interval);
        harness.Time.Advance(Interval);
        Assert.AreEqual(start + (2 * Interval), await NextAsync(runs));
    }

    [TestMethod]
    public async Task AddPeriodic_RunStillGoingAtTheNextTick_SkipsThatTickAndLogs()
    {
        await using var harness = new KitHarness();
        var runs = Channel.CreateUnbounded<TaskCompletionSource>();
        int started = 0;
        harness.Kit.AddPeriodic("slow", Interval, async (_, cancellationToken) =>
        {
            Interlocked.Increment(ref started);
            var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            runs.Writer.TryWrite(finish);
            await finish.Task.WaitAsync(cancellationToken);
        });
        harness.StartRun();
        TaskCompletionSource first = await NextAsync(runs);

        await harness.Time.WaitForTimerAsync(Interval);
        harness.Time.Advance(Interval);
        LogEntry skipped = await harness.Logs.Logger.WaitForAsync(RunSkippedEventId);

        Assert.AreEqual(1, Volatile.Read(ref started), "no second run while the first goes on");
        StringAssert.Contains(skipped.Message, "slow");

        // Half way to the next tick the first run ends: the wait for the tick goes on for the other half.
        TimeSpan half = Interval / 2;
        await harness.Time.WaitForTimerAsync(Interval);
        harness.Time.Advance(half);
        first.SetResult();
        await harness.Time.WaitForTimerAsync(half);
        harness.Time.Advance(half);
        TaskCompletionSource second = await NextAsync(runs);
        second.SetResult();

        Assert.AreEqual(2, Volatile.Read(ref started));
        Assert.AreEqual(1, harness.Logs.Logger.Entries.Count(entry => entry.EventId == RunSkippedEventId));
        Assert.AreEqual(TaskState.Running, harness.Health("slow").State);
    }

    [TestMethod]
    public async Task AddPeriodic_RunThrows_TheTaskFailsAndIsRestartedByItsPolicy()
    {
        await using var harness = new KitHarness();
        int started = 0;
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Kit.AddPeriodic(
            "failing",
            Interval,
            (_, _) =>
            {
                if (Interlocked.Increment(ref started) == 1)
                {
                    throw new InvalidOperationException("disk full");
                }

                restarted.TrySetResult();
                return Task.CompletedTask;
            },
            harness.Kit.DefaultPolicy with { UseJitter = false });
        harness.StartRun();

        await harness.WaitForTaskStateAsync("failing", TaskState.BackingOff);
        StringAssert.Contains(harness.Health("failing").LastError, "disk full");
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await restarted.Task.WaitAsync(TestTimeouts.Guard);

        Assert.AreEqual(1, harness.Health("failing").Restarts);
    }

    [TestMethod]
    public async Task AddPeriodic_NonPositiveInterval_Throws()
    {
        await using var harness = new KitHarness();

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => harness.Kit.AddPeriodic("never", TimeSpan.Zero, (_, _) => Task.CompletedTask));
    }

    private static async Task<T> NextAsync<T>(Channel<T> channel) => await channel.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Guard);
}
