using BackgroundRoles.Jobs.Tests.TestSupport;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>Status tracking on and off, and a burst of jobs taken without waiting between full polls.</summary>
public sealed partial class QueueProcessorTests
{
    [TestMethod]
    public async Task RunAsync_TrackStatusOff_RunsAndDeletesWithoutTouchingTheStatus()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var submission = await storage.Jobs.SubmitAsync(queue, "quiet", "{}", null, None);
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue) with { TrackStatus = false }, DelegateHandler.Sync("quiet", _ =>
        {
            ran.TrySetResult();
            return JobResult.Success;
        })))
        {
            await ran.Task.WaitAsync(Eventually.DefaultTimeout);
            await Eventually.GetAsync(() => storage.GetApproximateQueueDepthAsync(queue, None), depth => depth == 0, "the message deleted");
        }

        Assert.AreEqual(JobState.Queued, (await storage.Statuses.GetAsync(submission.JobId, None))!.State, "the submitter's record is left as it was");
    }

    [TestMethod]
    public async Task RunAsync_ManyJobs_EveryOneSucceedsOnce()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var jobs = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            jobs.Add((await storage.Jobs.SubmitAsync(queue, "count", "{}", null, None)).JobId);
        }

        var runs = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue) with { MaxConcurrency = 4 }, DelegateHandler.Sync("count", context =>
        {
            runs.AddOrUpdate(context.JobId, 1, (_, n) => n + 1);
            return JobResult.Success;
        })))
        {
            foreach (var job in jobs)
            {
                Assert.AreEqual(JobState.Succeeded, (await Eventually.FinalAsync(storage, job)).State);
            }
        }

        Assert.HasCount(40, runs);
        Assert.IsTrue(runs.Values.All(n => n == 1), "each job ran once");
    }
}
