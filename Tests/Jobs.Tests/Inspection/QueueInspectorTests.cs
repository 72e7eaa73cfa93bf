using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Inspection;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests.Inspection;

/// <summary>The queues of an account as an operator sees and changes them, on a real Azurite.</summary>
[TestClass]
public sealed class QueueInspectorTests
{
    private const string JobType = "inspected";
    private static readonly CancellationToken None = CancellationToken.None;

    private static JobStorage Storage() => JobStorage.Create(TestAzurite.ConnectionString);

    [TestMethod]
    public async Task ListQueuesAsync_QueueWithMessages_ShowsItsDepthAndItsPoisonQueue()
    {
        var storage = Storage();
        var queue = Names.Queue();
        for (var i = 0; i < 3; i++)
        {
            await storage.Jobs.SubmitAsync(queue, JobType, "{}", null, None);
        }

        var queues = await new QueueInspector(storage).ListQueuesAsync(None);

        var listed = queues.Single(q => q.Name == queue);
        Assert.AreEqual(3, listed.ApproximateDepth);
        Assert.IsFalse(listed.IsPoison);
        var poison = queues.Single(q => q.Name == queue + "-poison");
        Assert.AreEqual(queue, poison.SourceQueue);
        Assert.AreEqual(0, poison.ApproximateDepth);
    }

    [TestMethod]
    public async Task PeekAsync_SubmittedJob_ShowsItsEnvelopeAndLeavesItThere()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var job = await storage.Jobs.SubmitAsync(queue, JobType, """{"text":"<script>alert(1)</script>"}""", new SubmitOptions { CorrelationId = "c-1" }, None);
        var inspector = new QueueInspector(storage);

        var peeked = (await inspector.PeekAsync(queue, 32, None)).Single();

        Assert.AreEqual(job.JobId, peeked.Job!.JobId);
        Assert.AreEqual(JobType, peeked.Job.JobType);
        Assert.AreEqual("""{"text":"<script>alert(1)</script>"}""", peeked.Job.Payload);
        Assert.AreEqual("c-1", peeked.Job.CorrelationId);
        Assert.AreEqual(0, peeked.DequeueCount);
        Assert.IsNull(peeked.Poison);
        Assert.HasCount(1, await inspector.PeekAsync(queue, 32, None), "a peek takes nothing");
    }

    [TestMethod]
    public async Task PeekAsync_MissingQueue_IsEmpty()
    {
        Assert.IsEmpty(await new QueueInspector(Storage()).PeekAsync(Names.Queue(), 5, None));
    }

    [TestMethod]
    public async Task PeekAsync_NotAQueueName_Throws()
    {
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => new QueueInspector(Storage()).PeekAsync("Not_A_Queue", 5, None));
    }

    [TestMethod]
    public async Task RequeueAsync_RejectedJob_GoesBackWithItsCountResetAndIsProcessed()
    {
        var storage = Storage();
        var queue = Names.Queue();
        await storage.EnsureQueueAsync(queue, None);
        var deliveries = new ConcurrentQueue<int>();
        var handler = DelegateHandler.Sync(JobType, context =>
        {
            deliveries.Enqueue(context.DequeueCount);
            return deliveries.Count == 1 ? throw new PoisonJobException("the upload is not there yet") : JobResult.Success;
        });
        var inspector = new QueueInspector(storage);
        await using var processor = RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), handler);
        var job = await storage.Jobs.SubmitAsync(queue, JobType, "{}", null, None);
        await Eventually.StatusAsync(storage, job.JobId, s => s.State == JobState.Poisoned);

        var poisoned = (await Eventually.GetAsync(() => inspector.PeekAsync(queue + "-poison", 32, None), m => m.Count == 1, "the poison message")).Single();
        Assert.AreEqual(queue, poisoned.Poison!.SourceQueue);
        Assert.AreEqual(PoisonReason.Rejected, poisoned.Poison.Reason);
        StringAssert.Contains(poisoned.Poison.Error, "the upload is not there yet");
        Assert.AreEqual(job.JobId, poisoned.Job!.JobId);

        Assert.IsTrue(await inspector.RequeueAsync(queue + "-poison", poisoned.MessageId, None));

        var done = await Eventually.StatusAsync(storage, job.JobId, s => s.State == JobState.Succeeded);
        Assert.AreEqual(1, done.Attempts, "the requeued message starts counting again");
        CollectionAssert.AreEqual(new[] { 1, 1 }, deliveries.ToArray());
        Assert.IsEmpty(await inspector.PeekAsync(queue + "-poison", 32, None));
    }

    [TestMethod]
    public async Task RequeueAsync_NotAPoisonRecord_ThrowsAndLeavesIt()
    {
        var storage = Storage();
        var queue = Names.Queue();
        await storage.EnsureQueueAsync(queue, None);
        await RawQueues.AddAsync(queue + "-poison", "just text");
        var inspector = new QueueInspector(storage);
        var message = (await inspector.PeekAsync(queue + "-poison", 1, None)).Single();

        await Assert.ThrowsExactlyAsync<InvalidDataException>(() => inspector.RequeueAsync(queue + "-poison", message.MessageId, None));

        Assert.HasCount(1, await inspector.PeekAsync(queue + "-poison", 32, None), "given back at once");
        Assert.IsFalse(await inspector.RequeueAsync(queue + "-poison", "no-such-message", None));
    }

    [TestMethod]
    public async Task DeleteAsync_OneMessage_LeavesTheOthersVisible()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var jobs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            jobs.Add((await storage.Jobs.SubmitAsync(queue, JobType, "{}", null, None)).JobId);
        }

        var inspector = new QueueInspector(storage);
        var second = (await inspector.PeekAsync(queue, 32, None)).Single(m => m.Job!.JobId == jobs[1]);

        Assert.IsTrue(await inspector.DeleteAsync(queue, second.MessageId, None));

        CollectionAssert.AreEquivalent(new[] { jobs[0], jobs[2] }, (await inspector.PeekAsync(queue, 32, None)).Select(m => m.Job!.JobId).ToList());
        await inspector.DeleteAllAsync(queue, None);
        Assert.IsEmpty(await inspector.PeekAsync(queue, 32, None));
    }
}
