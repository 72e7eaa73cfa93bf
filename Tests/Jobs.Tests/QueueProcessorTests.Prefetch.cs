using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Tests.TestSupport;

namespace BackgroundRoles.Jobs.Tests;

public sealed partial class QueueProcessorTests
{
    private const int PrefetchJobs = 20;

    [TestMethod]
    public async Task RunAsync_QuickHandlersThenBusyHandler_HoldsPrefetchBeyondHandlersAndHandsItBackOnStop()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var submitted = new List<string>();
        for (var i = 0; i < PrefetchJobs; i++)
        {
            submitted.Add((await storage.Jobs.SubmitAsync(queue, "work", "{}", null, None)).JobId);
        }

        using var blocked = new SemaphoreSlim(0);
        var ran = new ConcurrentQueue<string>();
        var options = RunningProcessor.FastOptions(queue) with
        {
            MaxConcurrency = 1, PrefetchCount = 4, BatchSize = 4, VisibilityTimeout = TimeSpan.FromSeconds(30), DrainTimeout = TimeSpan.FromMilliseconds(500),
        };
        var running = RunningProcessor.Start(storage, options, new DelegateHandler("work", async (context, ct) =>
        {
            ran.Enqueue(context.JobId);
            if (ran.Count == 2)
            {
                // A quick first job taught the processor its handlers are quick; the second keeps the only handler busy.
                blocked.Release();
                await Task.Delay(Timeout.Infinite, ct);
            }

            return JobResult.Success;
        }));
        Assert.IsTrue(await blocked.WaitAsync(TimeSpan.FromSeconds(30)));

        // The first fetch (nothing known of the handlers yet) took one; once it was done, a full batch of 4 for the
        // window of 1 handler + 4: one done, one running, three waiting, 15 left visible (18 without a prefetch).
        var visible = await Eventually.GetAsync(() => PeekCountAsync(queue), count => count == PrefetchJobs - 1 - 4, "the prefetch held");
        await running.DisposeAsync();
        var afterStop = await PeekCountAsync(queue);
        var notRun = submitted.Except(ran).ToArray();
        var notRunStates = new List<JobState>();
        foreach (var jobId in notRun)
        {
            notRunStates.Add((await storage.Statuses.GetAsync(jobId, None))!.State);
        }

        Assert.AreEqual(15, visible);
        Assert.HasCount(2, ran, "a prefetched message never ran");
        Assert.AreEqual(PrefetchJobs - 1, afterStop, "the stop handed back the running and the waiting messages");
        Assert.IsTrue(notRunStates.TrueForAll(state => state == JobState.Queued), "a waiting message's record is untouched");
        Assert.AreEqual(0, running.Processor.InFlightCount);
    }

    [TestMethod]
    public async Task RunAsync_NoPrefetch_HoldsOnlyWhatHandlersRun()
    {
        var storage = Storage();
        var queue = Names.Queue();
        for (var i = 0; i < PrefetchJobs; i++)
        {
            await storage.Jobs.SubmitAsync(queue, "work", "{}", null, None);
        }

        using var blocked = new SemaphoreSlim(0);
        var ran = 0;
        var options = RunningProcessor.FastOptions(queue) with
        {
            MaxConcurrency = 2, PrefetchCount = 0, BatchSize = 4, VisibilityTimeout = TimeSpan.FromSeconds(30), DrainTimeout = TimeSpan.FromMilliseconds(500),
        };
        await using (RunningProcessor.Start(storage, options, new DelegateHandler("work", async (_, ct) =>
        {
            if (Interlocked.Increment(ref ran) > 2)
            {
                blocked.Release();
                await Task.Delay(Timeout.Infinite, ct);
            }

            return JobResult.Success;
        })))
        {
            Assert.IsTrue(await blocked.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.IsTrue(await blocked.WaitAsync(TimeSpan.FromSeconds(30)));

            // Both handlers busy: the processor holds their two messages and fetches nothing more.
            Assert.AreEqual(PrefetchJobs - 2 - 2, await PeekCountAsync(queue));
        }
    }

    private static async Task<int> PeekCountAsync(string queue) =>
        (await RawQueues.Queue(queue).PeekMessagesAsync(32)).Count();
}
