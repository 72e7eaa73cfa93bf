using BackgroundRoles.Jobs.Tests.TestSupport;

namespace BackgroundRoles.Jobs.Tests;

public sealed partial class QueueProcessorTests
{
    [TestMethod]
    public async Task RunAsync_StopWithUnfinishedHandler_MessageReleasedWithVisibilityZero()
    {
        var storage = Storage();
        var queue = Names.Queue();
        using var started = new SemaphoreSlim(0);
        var submission = await storage.Jobs.SubmitAsync(queue, "endless", "{}", null, None);
        var options = RunningProcessor.FastOptions(queue) with { VisibilityTimeout = TimeSpan.FromSeconds(30), DrainTimeout = TimeSpan.FromMilliseconds(500) };
        var running = RunningProcessor.Start(storage, options, new DelegateHandler("endless", async (_, ct) =>
        {
            started.Release();
            await Task.Delay(Timeout.Infinite, ct);
            return JobResult.Success;
        }));
        Assert.IsTrue(await started.WaitAsync(TimeSpan.FromSeconds(30)));

        await running.DisposeAsync();
        var visible = await RawQueues.TakeAllAsync(queue);
        var status = await storage.Statuses.GetAsync(submission.JobId, None);

        Assert.HasCount(1, visible, "the released message is visible at once");
        StringAssert.Contains(visible[0].AsString, submission.JobId);
        Assert.AreEqual(1, await storage.GetApproximateQueueDepthAsync(queue, None), "nothing else is left invisible");
        Assert.AreEqual(JobState.Queued, status!.State);
        Assert.AreEqual(0, running.Processor.InFlightCount);
    }

    [TestMethod]
    public async Task RunAsync_StopWithHandlerFinishingInTime_JobCompletes()
    {
        var storage = Storage();
        var queue = Names.Queue();
        using var started = new SemaphoreSlim(0);
        var submission = await storage.Jobs.SubmitAsync(queue, "short", "{}", null, None);
        var options = RunningProcessor.FastOptions(queue) with { DrainTimeout = TimeSpan.FromSeconds(10) };
        var running = RunningProcessor.Start(storage, options, new DelegateHandler("short", async (_, _) =>
        {
            started.Release();
            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            return JobResult.Success;
        }));
        Assert.IsTrue(await started.WaitAsync(TimeSpan.FromSeconds(30)));

        await running.DisposeAsync();
        var status = await storage.Statuses.GetAsync(submission.JobId, None);

        Assert.AreEqual(JobState.Succeeded, status!.State);
        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None));
    }

    [TestMethod]
    public async Task RunAsync_StopWithHandlerIgnoringCancellation_QueuedWithAttemptAndVisibleBeforeStopReturns()
    {
        var storage = Storage();
        var queue = Names.Queue();
        using var started = new SemaphoreSlim(0);
        using var finish = new SemaphoreSlim(0);
        var submission = await storage.Jobs.SubmitAsync(queue, "stubborn", "{}", null, None);
        var stages = Supervision.StopStages.FromBudget(TimeSpan.FromSeconds(4));
        var options = RunningProcessor.FastOptions(queue).WithStopStages(stages) with { VisibilityTimeout = TimeSpan.FromSeconds(60) };
        var logs = new ListLoggerFactory();
        var running = RunningProcessor.Start(storage, options, [new DelegateHandler("stubborn", async (_, _) =>
        {
            started.Release();

            // However slow: it ignores its token and outlives the drain, the release and its grace.
            await finish.WaitAsync(TimeSpan.FromMinutes(1));
            throw new InvalidOperationException("too late");
        })], loggerFactory: logs);
        Assert.IsTrue(await started.WaitAsync(TimeSpan.FromSeconds(30)));
        var running1 = await Eventually.StatusAsync(storage, submission.JobId, status => status.State == JobState.Running);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await running.StopAsync();
        var stopTook = watch.Elapsed;
        var visible = await RawQueues.TakeAllAsync(queue);
        var status = await storage.Statuses.GetAsync(submission.JobId, None);
        finish.Release();
        await Eventually.GetAsync(() => Task.FromResult(logs.Entries.Any(entry => entry.Contains(" 5030 ", StringComparison.Ordinal))), seen => seen, "the late failure's log entry");
        var afterLateFailure = await storage.Statuses.GetAsync(submission.JobId, None);

        Assert.IsLessThan(stages.TaskGrace + TimeSpan.FromSeconds(1), stopTook, "the processor's stop fits the stages");
        Assert.HasCount(1, visible, "released with visibility 0 although its visibility timeout is a minute");
        StringAssert.Contains(visible[0].AsString, submission.JobId);
        Assert.AreEqual(JobState.Queued, status!.State);
        Assert.AreEqual(1, status.Attempts, "the attempt is recorded");
        StringAssert.Contains(status.Error, "attempt 1");
        Assert.AreEqual(JobState.Running, running1.State);
        Assert.AreEqual(JobState.Queued, afterLateFailure!.State, "the handler's late failure leaves the status to the next attempt");
        StringAssert.Contains(afterLateFailure.Error, "attempt 1");
    }
}
