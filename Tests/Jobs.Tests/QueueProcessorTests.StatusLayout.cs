using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>
/// Status records at queue speed: no Running write for a quick job, Running once a handler has run past the delay,
/// the final record written whole where <see cref="JobStatusStore.LocationOf"/> says, and the former layout still read.
/// </summary>
public sealed partial class QueueProcessorTests
{
    [TestMethod]
    public async Task RunAsync_QuickJob_GoesFromQueuedToSucceededWithoutRunning()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var submission = await storage.Jobs.SubmitAsync(queue, "quick", "{}", null, None);
        var queued = await storage.Statuses.GetAsync(submission.JobId, None);
        JobStatus? seenByHandler = null;

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue) with { RunningStatusDelay = TimeSpan.FromMinutes(1) }, new DelegateHandler("quick", async (context, ct) =>
        {
            seenByHandler = await storage.Statuses.GetAsync(context.JobId, ct);
            return JobResult.Success;
        })))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Queued, seenByHandler!.State, "no Running record while a quick handler runs");
            Assert.AreEqual(JobState.Succeeded, status.State);
            Assert.AreEqual(queued!.CreatedAt, status.CreatedAt, "the submit's time, from the message, without a read");
            Assert.AreEqual(1, status.Attempts);
            Assert.AreEqual(100, status.Progress);
            Assert.IsNotNull(status.StartedAt);
            Assert.AreEqual(status.CompletedAt, status.UpdatedAt);
        }

        var (partition, rowKey) = JobStatusStore.LocationOf(submission.JobId);
        Assert.AreEqual("j" + submission.JobId[..10], partition);
        Assert.AreEqual(submission.JobId, rowKey);
        StringAssert.Contains(await RawTables.GetJsonAsync(JobDefaults.StatusTable, partition, rowKey), "\"state\":\"Succeeded\"");
        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None), "deleted once the final record was written");
    }

    [TestMethod]
    public async Task RunAsync_SlowJob_RunningOnceTheHandlerRanPastTheDelay()
    {
        var storage = Storage();
        var queue = Names.Queue();
        using var release = new SemaphoreSlim(0);
        var submission = await storage.Jobs.SubmitAsync(queue, "slow", "{}", null, None);

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue) with { RunningStatusDelay = TimeSpan.FromMilliseconds(200) }, new DelegateHandler("slow", async (_, ct) =>
        {
            await release.WaitAsync(ct);
            return new JobResult("done");
        })))
        {
            var running = await Eventually.StatusAsync(storage, submission.JobId, status => status.State == JobState.Running);
            release.Release();
            var final = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(1, running.Attempts);
            Assert.IsNotNull(running.StartedAt);
            Assert.AreEqual(JobState.Succeeded, final.State);
            Assert.AreEqual("done", final.ResultReference);
            Assert.AreEqual(running.StartedAt, final.StartedAt);
        }
    }

    [TestMethod]
    public async Task SubmitAsync_AnyJob_IdIsTimeOrderedAndItsPartitionIsTheSubmitTime()
    {
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var storage = JobStorage.Create(TestAzurite.ConnectionString, new FakeTimeProvider(at));
        var queue = Names.Queue();

        var first = await storage.Jobs.SubmitAsync(queue, "any", "{}", null, None);
        var second = await storage.Jobs.SubmitAsync(queue, "any", "{}", null, None);

        Assert.AreEqual(7, Guid.ParseExact(first.JobId, "N").Version);
        Assert.AreEqual(JobStatusStore.PartitionAt(at), JobStatusStore.LocationOf(first.JobId).Partition);
        Assert.AreEqual(JobStatusStore.LocationOf(first.JobId).Partition, JobStatusStore.LocationOf(second.JobId).Partition, "submitted together, one partition");
        Assert.AreNotEqual(JobStatusStore.PartitionAt(at), JobStatusStore.PartitionAt(at.AddMilliseconds(256)), "one partition per 256 ms");
        Assert.AreEqual(JobState.Queued, (await storage.Statuses.GetAsync(second.JobId, None))!.State);
    }

    [TestMethod]
    [DataRow("plain-id")]
    [DataRow("0f8fad5bd9cb469fa16570867728950e")]
    public async Task GetAsync_IdNotTimeOrdered_ReadsTheFormerLayout(string jobId)
    {
        var storage = Storage();
        var record = new JobStatus(jobId, "old", JobState.Succeeded, 100, "r", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, 1);
        await RawTables.PutJsonAsync(JobDefaults.StatusTable, jobId, "status", JobJson.Serialize(record));

        Assert.AreEqual((jobId, "status"), JobStatusStore.LocationOf(jobId));
        Assert.AreEqual(record, await storage.Statuses.GetAsync(jobId, None));
    }
}
