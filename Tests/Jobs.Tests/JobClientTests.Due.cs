using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>Jobs due later: sent hidden until their due time, Scheduled until a handler starts.</summary>
public sealed partial class JobClientTests
{
    [TestMethod]
    public async Task SubmitAsync_DueInThreeSeconds_RunsAfterThreeSecondsNotBefore()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();
        var started = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var processor = RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("later", _ =>
        {
            started.TrySetResult(DateTimeOffset.UtcNow);
            return JobResult.Success;
        }));

        var submittedAt = DateTimeOffset.UtcNow;
        var submission = await storage.Jobs.SubmitAsync(queue, "later", "{}", new SubmitOptions { Delay = TimeSpan.FromSeconds(3) }, None);
        var scheduled = await storage.Statuses.GetAsync(submission.JobId, None);

        Assert.AreEqual(JobState.Scheduled, scheduled!.State);
        Assert.IsTrue(scheduled.Cancellable, "a job with a due time can be cancelled");
        Assert.IsNotNull(scheduled.DueAt);
        Assert.IsTrue(scheduled.DueAt >= submittedAt + TimeSpan.FromSeconds(3), scheduled.ToString());
        var startedAt = await started.Task.WaitAsync(Eventually.DefaultTimeout);
        var final = await Eventually.FinalAsync(storage, submission.JobId);

        // The queue service hides the message on its own clock, in whole milliseconds at best: 50 ms of slack below.
        Assert.IsTrue(startedAt - submittedAt >= TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(50), $"started {(startedAt - submittedAt).TotalMilliseconds:F0} ms after the submit");
        Assert.IsTrue(startedAt - submittedAt < TimeSpan.FromSeconds(8), $"started {(startedAt - submittedAt).TotalMilliseconds:F0} ms after the submit");
        Assert.AreEqual(JobState.Succeeded, final.State);
        Assert.AreEqual(scheduled.DueAt, final.DueAt, "the final record keeps the due time");
    }

    [TestMethod]
    public async Task SubmitAsync_RunAtInThePast_RunsNowAsQueued()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();

        var submission = await storage.Jobs.SubmitAsync(queue, "late", "{}", new SubmitOptions { RunAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, None);

        Assert.AreEqual(JobState.Queued, (await storage.Statuses.GetAsync(submission.JobId, None))!.State);
        Assert.AreEqual(1, await storage.GetApproximateQueueDepthAsync(queue, None));
    }

    [TestMethod]
    public async Task SubmitAsync_RunAtAndDelay_ArgumentExceptionNamingBoth()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var options = new SubmitOptions { RunAt = DateTimeOffset.UtcNow.AddMinutes(1), Delay = TimeSpan.FromMinutes(1) };

        var error = await Assert.ThrowsExactlyAsync<ArgumentException>(() => storage.Jobs.SubmitAsync(Names.Queue(), "x", "{}", options, None));

        StringAssert.Contains(error.Message, "RunAt and Delay");
    }

    [TestMethod]
    public async Task SubmitAsync_NegativeDelay_ArgumentException()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);

        var error = await Assert.ThrowsExactlyAsync<ArgumentException>(() => storage.Jobs.SubmitAsync(Names.Queue(), "x", "{}", new SubmitOptions { Delay = TimeSpan.FromSeconds(-1) }, None));

        StringAssert.Contains(error.Message, "Delay must not be negative");
    }
}
