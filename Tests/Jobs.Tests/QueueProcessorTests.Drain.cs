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
}
