using System.Globalization;
using System.Text;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>
/// The cleanup of old jobs against a real Azurite. The jobs finish in the year 2000 on a fake clock, so the cutoff
/// (2001) reaches no other test class's records in the shared status table. Each cleanup takes every old record, this
/// class's other tests' too, so they run one at a time: two at once would each count the records the other deleted.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class JobRetentionTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.Parse("2000-01-01T00:00:00Z", CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Cutoff = DateTimeOffset.Parse("2001-01-01T00:00:00Z", CultureInfo.InvariantCulture);

    [TestMethod]
    public async Task DeleteFinishedBeforeAsync_OldFinishedJob_RecordResultBlobAndPayloadBlobDeleted()
    {
        var (storage, queue) = Setup();
        var container = "r" + Guid.NewGuid().ToString("N")[..12];
        var submission = await storage.Jobs.SubmitAsync(queue, "big", LargePayload(), null, None);
        await UploadAsync(storage, container, submission.JobId);
        await FinishAsync(storage, submission.JobId, JobState.Succeeded, LongAgo, $"{container}/{submission.JobId}");
        Assert.IsNotNull(await storage.Blobs.DownloadAsync(JobDefaults.PayloadContainer, submission.JobId + ".json", None), "the payload was claim-checked");

        var result = await new JobRetention(storage).DeleteFinishedBeforeAsync(Cutoff, None);

        Assert.IsNull(await storage.Statuses.GetAsync(submission.JobId, None));
        Assert.IsNull(await storage.Blobs.DownloadAsync(container, submission.JobId, None), "the result blob");
        Assert.IsNull(await storage.Blobs.DownloadAsync(JobDefaults.PayloadContainer, submission.JobId + ".json", None), "the payload blob");
        Assert.IsGreaterThanOrEqualTo(1, result.Records);
        Assert.IsGreaterThanOrEqualTo(2, result.Blobs);
    }

    [TestMethod]
    public async Task DeleteFinishedBeforeAsync_OldJobNotFinal_Kept()
    {
        var (storage, queue) = Setup();
        var submission = await storage.Jobs.SubmitAsync(queue, "slow", "{}", null, None);
        await FinishAsync(storage, submission.JobId, JobState.Running, completedAt: null, resultReference: null);

        await new JobRetention(storage).DeleteFinishedBeforeAsync(Cutoff, None);

        Assert.AreEqual(JobState.Running, (await storage.Statuses.GetAsync(submission.JobId, None))?.State);
    }

    [TestMethod]
    public async Task DeleteFinishedBeforeAsync_FinishedAfterTheCutoff_KeptWithItsResult()
    {
        var (storage, queue) = Setup();
        var container = "r" + Guid.NewGuid().ToString("N")[..12];
        var submission = await storage.Jobs.SubmitAsync(queue, "recent", "{}", null, None);
        await UploadAsync(storage, container, submission.JobId);
        await FinishAsync(storage, submission.JobId, JobState.Failed, Cutoff.AddDays(1), $"{container}/{submission.JobId}");

        await new JobRetention(storage).DeleteFinishedBeforeAsync(Cutoff, None);

        Assert.AreEqual(JobState.Failed, (await storage.Statuses.GetAsync(submission.JobId, None))?.State);
        Assert.IsNotNull(await storage.Blobs.DownloadAsync(container, submission.JobId, None));
    }

    [TestMethod]
    public async Task DeleteFinishedBeforeAsync_ResultReferenceNotABlob_RecordDeletedNothingElseTried()
    {
        var (storage, queue) = Setup();
        var submission = await storage.Jobs.SubmitAsync(queue, "url", "{}", null, None);
        await FinishAsync(storage, submission.JobId, JobState.Poisoned, LongAgo, "https://example.invalid/result");

        await new JobRetention(storage).DeleteFinishedBeforeAsync(Cutoff, None);

        Assert.IsNull(await storage.Statuses.GetAsync(submission.JobId, None));
    }

    private static (JobStorage Storage, string Queue) Setup() =>
        (JobStorage.Create(TestAzurite.ConnectionString, new FakeTimeProvider(LongAgo)), Names.Queue("ret"));

    private static string LargePayload() => $$"""{"data":"{{new string('x', JobDefaults.MaxInlineMessageBytes)}}"}""";

    private static async Task UploadAsync(JobStorage storage, string container, string name)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("result"));
        await storage.Blobs.UploadAsync(container, name, content, "text/plain", None);
    }

    private static Task FinishAsync(JobStorage storage, string jobId, JobState state, DateTimeOffset? completedAt, string? resultReference) =>
        storage.Statuses.UpdateAsync(jobId, "t", status => status with { State = state, CompletedAt = completedAt, ResultReference = resultReference }, None);
}
