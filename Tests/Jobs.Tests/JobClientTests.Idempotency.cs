using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>An idempotency key stands for one payload: reused for another, it is refused and nothing is stored.</summary>
public sealed partial class JobClientTests
{
    [TestMethod]
    public async Task SubmitAsync_SameKeyDifferentPayload_ThrowsConflictAndEnqueuesNothing()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();
        var options = new SubmitOptions { IdempotencyKey = "order-7" };
        var first = await storage.Jobs.SubmitAsync(queue, "work", """{"quantity":1}""", options, None);

        var conflict = await Assert.ThrowsExactlyAsync<IdempotencyConflictException>(() => storage.Jobs.SubmitAsync(queue, "work", """{"quantity":2}""", options, None));

        Assert.AreEqual(first.JobId, conflict.ExistingJobId);
        StringAssert.Contains(conflict.Message, "different request");
        Assert.AreEqual(1, await storage.GetApproximateQueueDepthAsync(queue, None), "only the first job's message");
        Assert.IsTrue((await storage.Jobs.SubmitAsync(queue, "work", """{"quantity":1}""", options, None)).AlreadySubmitted, "the key still stands for the first payload");
    }

    [TestMethod]
    public async Task FindSubmissionAsync_Key_AnswersAsSubmitWouldWithoutSubmitting()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();

        Assert.IsNull(await storage.Jobs.FindSubmissionAsync(queue, "photo-1", "{}", None), "an unused key");
        var first = await storage.Jobs.SubmitAsync(queue, "work", "{}", new SubmitOptions { IdempotencyKey = "photo-1" }, None);
        var found = await storage.Jobs.FindSubmissionAsync(queue, "photo-1", "{}", None);

        Assert.AreEqual(new JobSubmission(first.JobId, AlreadySubmitted: true), found);
        await Assert.ThrowsExactlyAsync<IdempotencyConflictException>(() => storage.Jobs.FindSubmissionAsync(queue, "photo-1", """{"other":true}""", None));
        Assert.AreEqual(1, await storage.GetApproximateQueueDepthAsync(queue, None));
    }
}
