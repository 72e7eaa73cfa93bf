using System.Text.Json;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using SkiaSharp;

namespace BackgroundRoles.WorkerRole.Tests.Thumbnails;

/// <summary>Thumbnail jobs through the real WorkerRole process (the real CLI, the repository's csdef, the test Azurite).</summary>
[TestClass]
public sealed class ThumbnailJobsTests
{
    private const int Jobs = 24;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// More jobs than handlers and than render slots, queued before the role starts: every one ends Succeeded with a
    /// 160 px thumbnail: none is left waiting for a render slot.
    /// </summary>
    [TestMethod]
    public async Task Host_ManyJobsQueued_AllSucceedWithThumbnails()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var jobs = new List<string>();
        for (var i = 0; i < Jobs; i++)
        {
            var imageId = Guid.NewGuid().ToString("N");
            using (var image = new MemoryStream(Png(400 + i, 300)))
            {
                await storage.Blobs.UploadAsync(JobQueues.UploadsContainer, imageId, image, "image/png", CancellationToken.None);
            }

            var payload = JsonSerializer.Serialize(new ThumbnailJob(imageId, "image/png"), JsonSerializerOptions.Web);
            jobs.Add((await storage.Jobs.SubmitAsync(JobQueues.Thumbnails, JobTypes.Thumbnail, payload, null, CancellationToken.None)).JobId);
        }

        using var service = new ServiceCopy(new Dictionary<string, string> { ["StorageConnectionString"] = TestAzurite.ConnectionString });
        using var cli = service.Host("WorkerRole");
        foreach (var job in jobs)
        {
            var status = await WaitForTerminalAsync(storage, job, cli);
            Assert.AreEqual(JobState.Succeeded, status.State, $"{job}: {status.Error}\n{cli.Output}");
            var thumbnail = await storage.Blobs.DownloadAsync(JobQueues.ThumbnailsContainer, job, CancellationToken.None);
            Assert.IsNotNull(thumbnail, job);
            using var bitmap = SKBitmap.Decode(thumbnail.Content);
            Assert.AreEqual(ThumbnailJob.LongestSide, bitmap.Width, job);
        }

        cli.Signal("TERM");
        Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);
    }

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor((byte)width, 120, 200));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static async Task<JobStatus> WaitForTerminalAsync(JobStorage storage, string job, CliProcess cli)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await storage.Statuses.GetAsync(job, CancellationToken.None) is { State: JobState.Succeeded or JobState.Failed or JobState.Poisoned } status)
            {
                return status;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Job {job} did not end within {Timeout}.\n{cli.Output}");
        throw new InvalidOperationException("unreachable");
    }
}
