using System.Collections.Concurrent;
using System.Diagnostics;
using BackgroundRoles.Jobs.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace BackgroundRoles.Jobs.Tests;

public sealed partial class QueueProcessorTests
{
    [TestMethod]
    public async Task RunAsync_AlwaysFailing_PoisonedAfterMaxDequeueCount()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var runs = new Counter();
        var submission = await storage.Jobs.SubmitAsync(queue, "fail", """{"x":1}""", null, None);
        var options = RunningProcessor.FastOptions(queue) with { RetryDelay = TimeSpan.Zero };

        await using (RunningProcessor.Start(storage, options, DelegateHandler.Sync("fail", context =>
        {
            runs.Increment(context.JobId);
            throw new InvalidOperationException("boom " + context.DequeueCount);
        })))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);
            var poison = await Eventually.GetAsync(() => RawQueues.TakeAllAsync(queue + "-poison"), messages => messages.Count > 0, "the poison message");

            Assert.AreEqual(JobState.Poisoned, status.State);
            Assert.AreEqual(3, status.Attempts);
            StringAssert.Contains(status.Error, "boom 3");
            Assert.AreEqual(3, runs[submission.JobId]);
            var record = JObject.Parse(poison.Single().AsString);
            Assert.AreEqual(submission.JobId, (string?)record["jobId"]);
            Assert.AreEqual(3, (int?)record["attempts"]);
            Assert.AreEqual(typeof(InvalidOperationException).FullName, (string?)record["error"]!["type"]);
            Assert.AreEqual("boom 3", (string?)record["error"]!["message"]);
            StringAssert.Contains((string?)record["original"], submission.JobId);
            Assert.IsNotNull(record["movedAt"]);
        }

        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None));
    }

    [TestMethod]
    public async Task RunAsync_PoisonJobException_PoisonedAtOnce()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var submission = await storage.Jobs.SubmitAsync(queue, "bad", "{}", null, None);

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("bad", _ => throw new PoisonJobException("payload makes no sense"))))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);
            var poison = await Eventually.GetAsync(() => RawQueues.TakeAllAsync(queue + "-poison"), messages => messages.Count > 0, "the poison message");

            Assert.AreEqual(JobState.Poisoned, status.State);
            Assert.AreEqual(1, status.Attempts);
            StringAssert.Contains(status.Error, "payload makes no sense");
            Assert.AreEqual(1, (int?)JObject.Parse(poison.Single().AsString)["attempts"]);
        }
    }

    [TestMethod]
    public async Task RunAsync_JobFailedException_EndsFailedWithoutPoison()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var submission = await storage.Jobs.SubmitAsync(queue, "workflow", "{}", null, None);

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("workflow", _ => throw new JobFailedException("charge failed; stock released"))))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Failed, status.State);
            Assert.AreEqual("charge failed; stock released", status.Error);
            Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None), "the message is deleted");
            Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue + "-poison", None), "nothing is poisoned");
        }
    }

    [TestMethod]
    public async Task RunAsync_RepeatedFailures_RetryDelayGrows()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var attempts = new ConcurrentQueue<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var submission = await storage.Jobs.SubmitAsync(queue, "fail", "{}", null, None);
        var options = RunningProcessor.FastOptions(queue) with { RetryDelay = TimeSpan.FromSeconds(1), MaxDequeueCount = 3 };

        await using (RunningProcessor.Start(storage, options, DelegateHandler.Sync("fail", _ =>
        {
            attempts.Enqueue(clock.Elapsed);
            throw new InvalidOperationException("again");
        })))
        {
            var retried = await Eventually.StatusAsync(storage, submission.JobId, status => status is { State: JobState.Queued, Attempts: 1, Error: not null });
            await Eventually.FinalAsync(storage, submission.JobId);

            StringAssert.Contains(retried.Error, "again");
            var times = attempts.ToArray();
            Assert.HasCount(3, times);
            var first = times[1] - times[0];
            var second = times[2] - times[1];
            Assert.IsGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9), first, $"first retry after {first}");
            Assert.IsGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9), second, $"second retry after {second}");
            Assert.IsGreaterThan(first, second);
        }
    }

    [TestMethod]
    public async Task SaveCheckpointAsync_AttemptFailsAfterSaving_NextAttemptSeesCheckpoint()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var seen = new ConcurrentQueue<string?>();
        var submission = await storage.Jobs.SubmitAsync(queue, "steps", "{}", null, None);
        var options = RunningProcessor.FastOptions(queue) with { RetryDelay = TimeSpan.Zero };

        await using (RunningProcessor.Start(storage, options, new DelegateHandler("steps", async (context, ct) =>
        {
            seen.Enqueue(context.Checkpoint);
            if (context.Checkpoint is null)
            {
                await context.SaveCheckpointAsync("step-1-done", ct);
                Assert.AreEqual("step-1-done", context.Checkpoint);
                throw new IOException("crashed after step 1");
            }

            return new JobResult(context.Checkpoint);
        })))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Succeeded, status.State);
            Assert.AreEqual("step-1-done", status.ResultReference);
            CollectionAssert.AreEqual(new[] { null, "step-1-done" }, seen.ToArray());
        }
    }

    [TestMethod]
    public async Task ReportProgressAsync_WhileRunning_StatusShowsProgress()
    {
        var storage = Storage();
        var queue = Names.Queue();
        using var release = new SemaphoreSlim(0);
        var submission = await storage.Jobs.SubmitAsync(queue, "progress", "{}", null, None);

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), new DelegateHandler("progress", async (context, ct) =>
        {
            await context.ReportProgressAsync(40, ct);
            await release.WaitAsync(ct);
            return JobResult.Success;
        })))
        {
            var running = await Eventually.StatusAsync(storage, submission.JobId, status => status.Progress == 40);
            release.Release();
            await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Running, running.State);
        }
    }

    [TestMethod]
    public async Task RunAsync_FailsOnceThenSucceeds_FinalRecordKeepsTheFailedAttempt()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var submission = await storage.Jobs.SubmitAsync(queue, "flaky", "{}", null, None);
        var options = RunningProcessor.FastOptions(queue) with { RetryDelay = TimeSpan.Zero };

        await using (RunningProcessor.Start(storage, options, DelegateHandler.Sync("flaky", context =>
            context.DequeueCount == 1 ? throw new InvalidOperationException("first attempt fails") : new JobResult("done"))))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Succeeded, status.State);
            Assert.AreEqual(2, status.Attempts);
            Assert.IsNull(status.Error, "a succeeded job has no error");
            var failed = status.FailedAttempts!.Single();
            Assert.AreEqual(1, failed.Attempt);
            Assert.AreEqual(JobState.Queued, failed.Outcome, "it was retried");
            Assert.AreEqual("System.InvalidOperationException: first attempt fails", failed.Error);
            Assert.IsNotNull(failed.StartedAt);
            Assert.IsGreaterThanOrEqualTo(failed.StartedAt.Value, failed.EndedAt);
        }
    }

    [TestMethod]
    public async Task RunAsync_AlwaysFailingWithLongErrors_KeepsTheNewestAttemptsCut()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var submission = await storage.Jobs.SubmitAsync(queue, "fail", "{}", null, None);
        var options = RunningProcessor.FastOptions(queue) with { RetryDelay = TimeSpan.Zero, MaxDequeueCount = JobDefaults.MaxRecordedAttempts + 2 };

        await using (RunningProcessor.Start(storage, options, DelegateHandler.Sync("fail", context =>
            throw new InvalidOperationException(context.DequeueCount + new string('x', 2 * JobDefaults.MaxAttemptErrorChars)))))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId, TimeSpan.FromSeconds(60));

            Assert.AreEqual(JobState.Poisoned, status.State);
            var attempts = status.FailedAttempts!;
            CollectionAssert.AreEqual(Enumerable.Range(3, JobDefaults.MaxRecordedAttempts).ToList(), attempts.Select(a => a.Attempt).ToList(), "the newest, oldest first");
            Assert.AreEqual(JobState.Poisoned, attempts[^1].Outcome);
            Assert.IsTrue(attempts.All(a => a.Error!.Length == JobDefaults.MaxAttemptErrorChars + 1), "each error cut, with a mark");
        }
    }
}
