using BackgroundRoles.Jobs.Tests.TestSupport;

namespace BackgroundRoles.Jobs.Tests;

public sealed partial class QueueProcessorTests
{
    [TestMethod]
    public async Task RunOnceAsync_WorkerDiesAfterSideEffectBeforeDelete_NotRunAgain()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var sideEffects = new Counter();
        var attempts = new Counter();
        var submission = await storage.Jobs.SubmitAsync(queue, "charge", "{}", null, None);
        var options = RunningProcessor.FastOptions(queue) with { RetryDelay = TimeSpan.Zero };

        await using (RunningProcessor.Start(storage, options, new DelegateHandler("charge", async (context, ct) =>
        {
            var ran = await context.RunOnceAsync("charge-card", _ =>
            {
                sideEffects.Increment(context.JobId);
                return Task.CompletedTask;
            }, ct);
            if (attempts.Increment(context.JobId) == 1)
            {
                // The side effect happened; the worker "dies" before its message is deleted.
                throw new IOException("worker died");
            }

            return new JobResult(ran ? "ran" : "skipped");
        })))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Succeeded, status.State);
            Assert.AreEqual(2, status.Attempts);
            Assert.AreEqual("skipped", status.ResultReference);
            Assert.AreEqual(1, sideEffects[submission.JobId]);
        }
    }

    [TestMethod]
    public async Task RunOnceAsync_TwoDeliveriesAtOnce_RunsSideEffectOnce()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var sideEffects = new Counter();
        var results = new Counter();
        await storage.EnsureQueueAsync(queue, None);
        var jobId = Guid.NewGuid().ToString("N");
        var text = $$"""{"jobId":"{{jobId}}","jobType":"send","payload":"{}"}""";
        await RawQueues.AddAsync(queue, text);
        await RawQueues.AddAsync(queue, text);
        var arrivals = 0;
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), new DelegateHandler("send", async (context, ct) =>
        {
            if (Interlocked.Increment(ref arrivals) == 2)
            {
                bothStarted.TrySetResult();
            }

            // Both deliveries reach RunOnceAsync together, so the idempotency record is really raced for.
            await bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            var ran = await context.RunOnceAsync("send-mail", async token =>
            {
                sideEffects.Increment(context.JobId);
                await Task.Delay(TimeSpan.FromMilliseconds(500), token);
            }, ct);
            results.Increment(ran ? "ran" : "skipped");
            return JobResult.Success;
        })))
        {
            await Eventually.GetAsync(() => Task.FromResult(results["ran"] + results["skipped"]), count => count == 2, "both deliveries");

            Assert.IsTrue(bothStarted.Task.IsCompletedSuccessfully, "both deliveries ran concurrently");
            Assert.AreEqual(1, sideEffects[jobId]);
            Assert.AreEqual(1, results["ran"]);
            Assert.AreEqual(1, results["skipped"]);
        }
    }
}
