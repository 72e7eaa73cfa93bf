using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests;

[TestClass]
public sealed partial class QueueProcessorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static JobStorage Storage() => JobStorage.Create(TestAzurite.ConnectionString);

    [TestMethod]
    public async Task RunAsync_SubmittedJob_SucceededWithResultReference()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var submission = await storage.Jobs.SubmitAsync(queue, "echo", """{"n":1}""", null, None);
        var queued = await storage.Statuses.GetAsync(submission.JobId, None);
        string? seenPayload = null;

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("echo", context =>
        {
            seenPayload = context.Payload;
            return new JobResult("result-" + context.JobId);
        })))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Queued, queued!.State);
            Assert.AreEqual(JobState.Succeeded, status.State);
            Assert.AreEqual("result-" + submission.JobId, status.ResultReference);
            Assert.AreEqual(1, status.Attempts);
            Assert.AreEqual(100, status.Progress);
            Assert.IsNotNull(status.StartedAt);
            Assert.IsNotNull(status.CompletedAt);
            Assert.AreEqual("""{"n":1}""", seenPayload);
        }

        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None));
    }

    [TestMethod]
    public async Task RunAsync_HandlerLongerThanVisibilityTimeout_RunsOnceWithTwoProcessors()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var runs = new Counter();
        var handler = new DelegateHandler("slow", async (context, ct) =>
        {
            runs.Increment(context.JobId);
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            return JobResult.Success;
        });
        var submission = await storage.Jobs.SubmitAsync(queue, "slow", "{}", null, None);
        var logs = new ListLoggerFactory();

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), [handler], loggerFactory: logs))
        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), [handler], loggerFactory: logs))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Succeeded, status.State);
            Assert.AreEqual(1, runs[submission.JobId], logs.ToString());
            Assert.AreEqual(1, status.Attempts);
        }
    }

    [TestMethod]
    public async Task RunAsync_UnknownJobType_PoisonedAtOnce()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var submission = await storage.Jobs.SubmitAsync(queue, "nobody-handles-this", "{}", null, None);

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("other", _ => JobResult.Success)))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Poisoned, status.State);
            StringAssert.Contains(status.Error, "nobody-handles-this");
        }
    }

    [TestMethod]
    public async Task RunAsync_UnparseableMessage_MovedToPoisonQueue()
    {
        var storage = Storage();
        var queue = Names.Queue();
        await storage.EnsureQueueAsync(queue, None);
        await RawQueues.AddAsync(queue, "this is not json");

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("any", _ => JobResult.Success)))
        {
            var poison = await Eventually.GetAsync(() => RawQueues.TakeAllAsync(queue + "-poison"), messages => messages.Count > 0, "the poison message");

            var record = Newtonsoft.Json.Linq.JObject.Parse(poison.Single().AsString);
            Assert.AreEqual("this is not json", (string?)record["original"]);
            StringAssert.Contains((string?)record["error"]!["type"], nameof(InvalidDataException));
        }

        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None));
    }

    [TestMethod]
    public async Task RunAsync_ReplyTo_ReplyMessageWithCorrelationIdAndState()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var replies = Names.Queue("r");
        var submission = await storage.Jobs.SubmitAsync(queue, "echo", "{}", new SubmitOptions { ReplyTo = replies, CorrelationId = "corr-7" }, None);

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("echo", _ => new JobResult("out/1"))))
        {
            var reply = await Eventually.GetAsync(() => storage.Jobs.ReceiveReplyAsync(replies, None), reply => reply is not null, "the reply");

            Assert.AreEqual(submission.JobId, reply!.JobId);
            Assert.AreEqual("corr-7", reply.CorrelationId);
            Assert.AreEqual(JobState.Succeeded, reply.State);
            Assert.AreEqual("out/1", reply.ResultReference);
        }
    }
}
