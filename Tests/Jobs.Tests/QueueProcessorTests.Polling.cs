using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Jobs.Tests;

public sealed partial class QueueProcessorTests
{
    [TestMethod]
    public async Task RunAsync_TwoQueues_HigherPriorityQueueEmptiedFirst()
    {
        var storage = Storage();
        var high = Names.Queue("h");
        var low = Names.Queue("l");
        var order = new ConcurrentQueue<string>();
        for (var i = 0; i < 3; i++)
        {
            await storage.Jobs.SubmitAsync(low, "work", "\"low\"", null, None);
            await storage.Jobs.SubmitAsync(high, "work", "\"high\"", null, None);
        }

        var options = RunningProcessor.FastOptions(high, low) with { MaxConcurrency = 1, BatchSize = 1 };
        await using (RunningProcessor.Start(storage, options, DelegateHandler.Sync("work", context =>
        {
            order.Enqueue(context.Payload);
            return JobResult.Success;
        })))
        {
            await Eventually.GetAsync(() => Task.FromResult(order.Count), count => count == 6, "six jobs");

            CollectionAssert.AreEqual(new[] { "\"high\"", "\"high\"", "\"high\"", "\"low\"", "\"low\"", "\"low\"" }, order.ToArray());
        }
    }

    [TestMethod]
    public async Task RunAsync_QueuePrefix_PicksUpQueueCreatedAfterStart()
    {
        var storage = Storage();
        var prefix = Names.Queue("p")[..9];
        var options = RunningProcessor.FastOptions() with { QueuePrefix = prefix };

        await using (RunningProcessor.Start(storage, options, DelegateHandler.Sync("work", _ => JobResult.Success)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            var submission = await storage.Jobs.SubmitAsync(prefix + "-late", "work", "{}", null, None);
            var status = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Succeeded, status.State);
        }
    }

    [TestMethod]
    public async Task RunAsync_EmptyQueue_WaitsOnInjectedTimeProvider()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var time = new FakeTimeProvider();
        var options = RunningProcessor.FastOptions(queue) with { MinPollingInterval = TimeSpan.FromSeconds(1), MaxPollingInterval = TimeSpan.FromSeconds(2) };

        await using var running = RunningProcessor.Start(storage, options, [DelegateHandler.Sync("work", _ => JobResult.Success)], time);
        await Eventually.GetAsync(() => Task.FromResult(running.Heartbeats), beats => beats == 1, "the first poll");
        // Real time passes, fake time does not: the processor must still be waiting.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var beforeAdvance = running.Heartbeats;
        time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.GetAsync(() => Task.FromResult(running.Heartbeats), beats => beats >= 2, "the second poll");

        Assert.AreEqual(1, beforeAdvance);
    }
}
