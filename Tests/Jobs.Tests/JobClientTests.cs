using System.Text;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests;

[TestClass]
public sealed partial class JobClientTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task SubmitAsync_SameIdempotencyKey_ReturnsFirstJobAndEnqueuesOnce()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();
        var options = new SubmitOptions { IdempotencyKey = "order/42#retry?" };

        var first = await storage.Jobs.SubmitAsync(queue, "work", "{}", options, None);
        var second = await storage.Jobs.SubmitAsync(queue, "work", "{}", options, None);
        var other = await storage.Jobs.SubmitAsync(Names.Queue(), "work", "{}", options, None);

        Assert.IsFalse(first.AlreadySubmitted);
        Assert.IsTrue(second.AlreadySubmitted);
        Assert.AreEqual(first.JobId, second.JobId);
        Assert.IsFalse(other.AlreadySubmitted, "a key belongs to one queue");
        Assert.AreEqual(1, await storage.GetApproximateQueueDepthAsync(queue, None));
    }

    [TestMethod]
    public async Task SubmitAsync_100KbPayload_ClaimCheckRoundTrip()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();
        var payload = "\"" + new string('x', 100 * 1024) + "\"";
        string? seen = null;
        var submission = await storage.Jobs.SubmitAsync(queue, "big", payload, null, None);
        var message = (await RawQueues.Queue(queue).PeekMessageAsync()).AsString;

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("big", context =>
        {
            seen = context.Payload;
            return JobResult.Success;
        })))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Succeeded, status.State);
        }

        Assert.IsLessThan(1024, Encoding.UTF8.GetByteCount(message), "the message carries a reference, not the payload");
        StringAssert.Contains(message, "payloadBlob");
        Assert.IsNotNull(await storage.Blobs.DownloadAsync(JobDefaults.PayloadContainer, submission.JobId + ".json", None));
        Assert.AreEqual(payload, seen);
    }

    [TestMethod]
    public async Task SubmitAsync_OrderingKeyWithoutSequence_Throws()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);

        await Assert.ThrowsExactlyAsync<ArgumentException>(() =>
            storage.Jobs.SubmitAsync(Names.Queue(), "work", "{}", new SubmitOptions { OrderingKey = "k" }, None));
    }

    [TestMethod]
    public async Task SubmitAsync_InvalidQueueName_Throws()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);

        await Assert.ThrowsExactlyAsync<ArgumentException>(() => storage.Jobs.SubmitAsync("Bad_Name", "work", "{}", null, None));
    }

    [TestMethod]
    public async Task ReceiveReplyAsync_MissingQueue_ReturnsNull()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);

        Assert.IsNull(await storage.Jobs.ReceiveReplyAsync(Names.Queue(), None));
    }
}
