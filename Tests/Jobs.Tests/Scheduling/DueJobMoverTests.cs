using BackgroundRoles.Jobs.Scheduling;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Jobs.Tests.Scheduling;

/// <summary>
/// Jobs due further ahead than a queue message can wait: they wait in the due-jobs table until the mover, on the
/// storage's clock (a fake one here; storage calls are real Azurite), sends them. Not in parallel: the table is one
/// partition, and a mover sends every job due by its clock.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class DueJobMoverTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task MoveDueAsync_JobDueInEightDays_WaitsInTheTableUntilTheClockSaysSoThenSent()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var storage = JobStorage.Create(TestAzurite.ConnectionString, clock);
        var queue = Names.Queue();
        var mover = new DueJobMover(storage);
        var submission = await storage.Jobs.SubmitAsync(queue, "reminder", "{}", new SubmitOptions { Delay = TimeSpan.FromDays(8) }, None);

        await mover.MoveDueAsync(None);
        var waiting = await storage.Statuses.GetAsync(submission.JobId, None);
        Assert.AreEqual(JobState.Scheduled, waiting!.State);
        Assert.AreEqual(clock.GetUtcNow() + TimeSpan.FromDays(8), waiting.DueAt);
        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None), "beyond the queue's 7 days the job waits in the table");

        clock.Advance(TimeSpan.FromHours(12));
        await mover.MoveDueAsync(None);
        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None), "7.5 days ahead is still beyond the mover's look-ahead");

        clock.Advance(TimeSpan.FromDays(7.5) + TimeSpan.FromSeconds(1));
        var sent = await mover.MoveDueAsync(None);
        Assert.IsGreaterThanOrEqualTo(1, sent);
        Assert.AreEqual(0, await mover.MoveDueAsync(None), "a moved job's row is gone");

        // Sent visible at once: its due time has come on the storage's clock. (A processor on the real clock would hold
        // it back as 8 days early; the 3 s test runs a due job end to end.)
        var visible = await RawQueues.Queue(queue).PeekMessagesAsync(32);
        Assert.HasCount(1, visible);
        StringAssert.Contains(visible.Single().AsString, submission.JobId);
        Assert.AreEqual(JobState.Scheduled, (await storage.Statuses.GetAsync(submission.JobId, None))!.State, "Scheduled until a handler starts");
    }

    [TestMethod]
    public async Task MoveDueAsync_JobLaterDueWithinLookAhead_SentHiddenUntilItsDueTime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var storage = JobStorage.Create(TestAzurite.ConnectionString, clock);
        var queue = Names.Queue();
        var mover = new DueJobMover(storage);
        var submission = await storage.Jobs.SubmitAsync(queue, "reminder", "{}", new SubmitOptions { RunAt = clock.GetUtcNow().AddDays(10) }, None);

        clock.Advance(TimeSpan.FromDays(5));
        await mover.MoveDueAsync(None);

        // Approximate depth counts hidden messages; a peek (visible ones only) finds none.
        Assert.AreEqual(1, await storage.GetApproximateQueueDepthAsync(queue, None), "sent 5 days ahead");
        Assert.IsEmpty(await RawQueues.Queue(queue).PeekMessagesAsync(32), "hidden until due");
        Assert.AreEqual(JobState.Scheduled, (await storage.Statuses.GetAsync(submission.JobId, None))!.State, "Scheduled until a handler starts");
    }

    [TestMethod]
    public async Task MoveDueAsync_CancelledWhileWaiting_NeverSent()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var storage = JobStorage.Create(TestAzurite.ConnectionString, clock);
        var queue = Names.Queue();
        var submission = await storage.Jobs.SubmitAsync(queue, "reminder", "{}", new SubmitOptions { Delay = TimeSpan.FromDays(9) }, None);

        var cancellation = await storage.Jobs.CancelAsync(submission.JobId, None);
        clock.Advance(TimeSpan.FromDays(10));
        await new DueJobMover(storage).MoveDueAsync(None);

        Assert.AreEqual(JobCancellationOutcome.Cancelled, cancellation.Outcome, cancellation.Reason);
        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None));
        Assert.AreEqual(JobState.Cancelled, (await storage.Statuses.GetAsync(submission.JobId, None))!.State);
    }
}
