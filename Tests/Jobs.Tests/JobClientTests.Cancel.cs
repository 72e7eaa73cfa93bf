using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>Cancelling jobs that wait, and refusing the others.</summary>
public sealed partial class JobClientTests
{
    [TestMethod]
    public async Task CancelAsync_ScheduledJobWithHiddenMessage_NeverRunsAndMessageDeleted()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();
        var runs = new Counter();
        var submission = await storage.Jobs.SubmitAsync(queue, "later", "{}", new SubmitOptions { Delay = TimeSpan.FromSeconds(2) }, None);

        var cancellation = await storage.Jobs.CancelAsync(submission.JobId, None);

        Assert.AreEqual(JobCancellationOutcome.Cancelled, cancellation.Outcome, cancellation.Reason);
        Assert.AreEqual(JobState.Cancelled, cancellation.Status!.State);
        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), Counting("later", runs)))
        {
            await Eventually.GetAsync(() => storage.GetApproximateQueueDepthAsync(queue, None), depth => depth == 0, "the cancelled job's message deleted");
        }

        Assert.AreEqual(0, runs[submission.JobId], "the handler never ran");
        Assert.AreEqual(JobState.Cancelled, (await storage.Statuses.GetAsync(submission.JobId, None))!.State);
    }

    [TestMethod]
    public async Task CancelAsync_QueuedCancellableJobOnTheQueue_NeverRunsWhileTheOthersDo()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();
        var runs = new Counter();
        var cancelled = await storage.Jobs.SubmitAsync(queue, "work", "{}", new SubmitOptions { Cancellable = true }, None);
        var kept = await storage.Jobs.SubmitAsync(queue, "work", "{}", new SubmitOptions { Cancellable = true }, None);
        Assert.AreEqual(JobState.Queued, (await storage.Statuses.GetAsync(cancelled.JobId, None))!.State);
        Assert.AreEqual(2, await storage.GetApproximateQueueDepthAsync(queue, None), "both messages are on the queue");

        var cancellation = await storage.Jobs.CancelAsync(cancelled.JobId, None);
        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), Counting("work", runs)))
        {
            Assert.AreEqual(JobState.Succeeded, (await Eventually.FinalAsync(storage, kept.JobId)).State);
            await Eventually.GetAsync(() => storage.GetApproximateQueueDepthAsync(queue, None), depth => depth == 0, "both messages deleted");
        }

        Assert.AreEqual(JobCancellationOutcome.Cancelled, cancellation.Outcome, cancellation.Reason);
        Assert.AreEqual(0, runs[cancelled.JobId], "the cancelled job's handler never ran");
        Assert.AreEqual(1, runs[kept.JobId]);
        Assert.AreEqual(JobState.Cancelled, (await storage.Statuses.GetAsync(cancelled.JobId, None))!.State);
        Assert.AreEqual(JobCancellationOutcome.Cancelled, (await storage.Jobs.CancelAsync(cancelled.JobId, None)).Outcome, "a repeated cancel answers the same");
    }

    [TestMethod]
    public async Task CancelAsync_RunningJob_RefusedAndTheJobSucceeds()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submission = await storage.Jobs.SubmitAsync(queue, "slow", "{}", new SubmitOptions { Cancellable = true }, None);

        JobCancellation cancellation;
        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), new DelegateHandler("slow", async (_, ct) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(ct);
            return JobResult.Success;
        })))
        {
            await started.Task.WaitAsync(Eventually.DefaultTimeout);
            cancellation = await storage.Jobs.CancelAsync(submission.JobId, None);
            release.TrySetResult();
            Assert.AreEqual(JobState.Succeeded, (await Eventually.FinalAsync(storage, submission.JobId)).State);
        }

        Assert.AreEqual(JobCancellationOutcome.Refused, cancellation.Outcome);
        Assert.AreEqual(JobState.Running, cancellation.Status!.State, "the claim wrote Running before the handler started");
        StringAssert.Contains(cancellation.Reason, "is running");
    }

    [TestMethod]
    public async Task CancelAsync_FinishedOrNotCancellableOrUnknown_RefusedOrNotFound()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();
        var finished = await storage.Jobs.SubmitAsync(queue, "quick", "{}", new SubmitOptions { Cancellable = true }, None);
        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("quick", _ => JobResult.Success)))
        {
            await Eventually.FinalAsync(storage, finished.JobId);
        }

        var plain = await storage.Jobs.SubmitAsync(queue, "quick", "{}", null, None);

        var ended = await storage.Jobs.CancelAsync(finished.JobId, None);
        var notCancellable = await storage.Jobs.CancelAsync(plain.JobId, None);
        var unknown = await storage.Jobs.CancelAsync(Guid.CreateVersion7().ToString("N"), None);

        Assert.AreEqual(JobCancellationOutcome.Refused, ended.Outcome);
        StringAssert.Contains(ended.Reason, "has ended (Succeeded)");
        Assert.AreEqual(JobCancellationOutcome.Refused, notCancellable.Outcome);
        StringAssert.Contains(notCancellable.Reason, "without Cancellable");
        Assert.AreEqual(JobState.Queued, notCancellable.Status!.State, "a refused cancel changes nothing");
        Assert.AreEqual(JobCancellationOutcome.NotFound, unknown.Outcome);
    }

    private static DelegateHandler Counting(string jobType, Counter runs) => DelegateHandler.Sync(jobType, context =>
    {
        runs.Increment(context.JobId);
        return JobResult.Success;
    });
}
