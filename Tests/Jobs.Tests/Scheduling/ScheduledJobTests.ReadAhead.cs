using BackgroundRoles.Jobs.Scheduling;
using BackgroundRoles.Jobs.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Jobs.Tests.Scheduling;

/// <summary>The record read ahead of a tick, whose ETag the claim at the tick uses.</summary>
public sealed partial class ScheduledJobTests
{
    [TestMethod]
    public async Task RunAsync_RecordWrittenAfterItsReadAhead_TickStillClaimedAndRunOnce()
    {
        var clock = new FakeTimeProvider(Start);
        var name = JobName();
        var release = new TaskCompletionSource();
        var a = new Instance("a", clock);
        var b = new Instance("b", clock);
        var jobA = a.Job(new ScheduleOptions { Name = name, Expression = () => "* * * * * *" }, _ => release.Task);
        var jobB = b.Job(new ScheduleOptions { Name = name, Expression = () => "* * * * * *" }, _ => release.Task);

        await using var supervisedA = new SupervisedTask(jobA, clock);
        await using var supervisedB = new SupervisedTask(jobB, clock);
        await UntilAsync(() => jobA.NextDue == Utc("2026-01-05T10:00:31") && jobB.NextDue == Utc("2026-01-05T10:00:31"), "both waiting");
        clock.Advance(TimeSpan.FromSeconds(1));
        await UntilAsync(() => a.Runs.Count + b.Runs.Count == 1 && (jobA.NextDue ?? jobB.NextDue) == Utc("2026-01-05T10:00:32"), "one run going, the other instance waiting");
        var (runner, runnerJob, runnerTask, waiter, waiterJob) = a.Runs.Count == 1 ? (a, jobA, supervisedA, b, jobB) : (b, jobB, supervisedB, a, jobA);

        // The waiter reads the record ahead of 10:00:32 while the run of 10:00:31 still goes (within one renewal
        // interval, so the runner keeps its lease); the run's outcome then changes the record's ETag, and the runner
        // stops, so the waiter's claim at 10:00:32 meets a record changed since its read.
        clock.SetUtcNow(Utc("2026-01-05T10:00:31.800"));
        release.SetResult();
        await UntilAsync(() => runnerJob.NextDue == Utc("2026-01-05T10:00:32"), "the runner done with its tick");
        await runnerTask.DisposeAsync();
        await AdvanceToAsync(clock, waiterJob, Utc("2026-01-05T10:00:32"));
        await UntilAsync(() => waiter.Runs.Count == 1, "the waiter running the next tick", () => waiter.Logs.ToString());

        Assert.AreEqual(Utc("2026-01-05T10:00:32"), waiter.Runs.Single().Tick);
        Assert.HasCount(1, runner.Runs);
        await UntilAsync(() => waiterJob.NextDue == Utc("2026-01-05T10:00:33"), "the waiter done with it");
        var record = await RecordAsync(waiter, name);
        Assert.AreEqual(2, record.TotalRuns);
        Assert.AreEqual(waiter.Leases.InstanceId, record.LastInstance);
        Assert.AreEqual(ScheduleOutcome.Succeeded, record.LastOutcome);
    }
}
