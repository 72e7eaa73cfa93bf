using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Tests.TestSupport;

namespace BackgroundRoles.Jobs.Tests;

public sealed partial class QueueProcessorTests
{
    [TestMethod]
    public async Task RunAsync_StaleSequence_FailedWithoutRunning()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var ran = new ConcurrentQueue<string>();
        var handler = DelegateHandler.Sync("ordered", context =>
        {
            ran.Enqueue(context.JobId);
            return JobResult.Success;
        });

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), handler))
        {
            var first = await storage.Jobs.SubmitAsync(queue, "ordered", "{}", new SubmitOptions { OrderingKey = "account-1", Sequence = 1 }, None);
            await Eventually.FinalAsync(storage, first.JobId);
            var stale = await storage.Jobs.SubmitAsync(queue, "ordered", "{}", new SubmitOptions { OrderingKey = "account-1", Sequence = 1 }, None);
            var status = await Eventually.FinalAsync(storage, stale.JobId);

            Assert.AreEqual(JobState.Failed, status.State);
            Assert.AreEqual("stale: sequence 1 already processed", status.Error);
            CollectionAssert.AreEqual(new[] { first.JobId }, ran.ToArray());
        }
    }

    [TestMethod]
    public async Task RunAsync_OutOfOrderSequence_WaitsForPredecessor()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var ran = new ConcurrentQueue<long>();
        var handler = DelegateHandler.Sync("ordered", context =>
        {
            ran.Enqueue(long.Parse(context.Payload, System.Globalization.CultureInfo.InvariantCulture));
            return JobResult.Success;
        });
        var options = RunningProcessor.FastOptions(queue) with { MaxDequeueCount = 5 };

        await using (RunningProcessor.Start(storage, options, handler))
        {
            var second = await storage.Jobs.SubmitAsync(queue, "ordered", "2", new SubmitOptions { OrderingKey = "k", Sequence = 2 }, None);
            var waiting = await Eventually.StatusAsync(storage, second.JobId, status => status.Error is not null);
            var first = await storage.Jobs.SubmitAsync(queue, "ordered", "1", new SubmitOptions { OrderingKey = "k", Sequence = 1 }, None);
            var secondStatus = await Eventually.FinalAsync(storage, second.JobId);
            var firstStatus = await Eventually.FinalAsync(storage, first.JobId);

            Assert.AreEqual(JobState.Queued, waiting.State);
            StringAssert.Contains(waiting.Error, "waiting for sequence 1");
            Assert.AreEqual(JobState.Succeeded, firstStatus.State);
            Assert.AreEqual(JobState.Succeeded, secondStatus.State);
            CollectionAssert.AreEqual(new long[] { 1, 2 }, ran.ToArray());
        }
    }

    [TestMethod]
    public async Task RunAsync_PredecessorNeverComes_PoisonedWithClearError()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var options = RunningProcessor.FastOptions(queue) with { MaxDequeueCount = 2, OrderingRetryDelay = TimeSpan.Zero };
        var submission = await storage.Jobs.SubmitAsync(queue, "ordered", "{}", new SubmitOptions { OrderingKey = "k", Sequence = 3 }, None);

        await using (RunningProcessor.Start(storage, options, DelegateHandler.Sync("ordered", _ => JobResult.Success)))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Poisoned, status.State);
            StringAssert.Contains(status.Error, "out of order: sequence 3");
            StringAssert.Contains(status.Error, "sequence 1, which never came");
        }
    }
}
