using System.Text;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Triggers;
using BackgroundRoles.Tests;
using SkiaSharp;

namespace BackgroundRoles.WorkerRole.Tests.Thumbnails;

/// <summary>The thumbnails inbox through the real WorkerRole process: images dropped into a container, no HTTP, no queue message.</summary>
[TestClass]
public sealed class InboxThumbnailsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Images dropped while the role is down (found by its first scan) and one dropped while it runs each become a
    /// 160 px thumbnail at <c>thumbnails/inbox/&lt;name&gt;.png</c>; a file that is no image ends Failed in its
    /// receipt and status record, with the reason.
    /// </summary>
    [TestMethod]
    public async Task Host_ImagesDroppedIntoTheInbox_BecomeThumbnails()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var run = Guid.NewGuid().ToString("N")[..8];
        var before = Enumerable.Range(0, 3).Select(i => $"{run}/before-{i}.png").ToArray();
        foreach (var (name, i) in before.Select((name, i) => (name, i)))
        {
            await UploadAsync(storage, name, Png(300 + i, 200), "image/png");
        }

        var notAnImage = $"{run}/notes.png";
        await UploadAsync(storage, notAnImage, Encoding.UTF8.GetBytes("not an image"), "image/png");

        using var service = new ServiceCopy(new Dictionary<string, string>
        {
            ["StorageConnectionString"] = TestAzurite.ConnectionString,
            [WorkerRoleSettings.InboxScanIntervalSetting] = "00:00:01",
        });
        using var cli = service.Host("WorkerRole");
        foreach (var name in before)
        {
            await AssertThumbnailAsync(storage, name, cli);
        }

        var during = $"{run}/during.png";
        await UploadAsync(storage, during, Png(640, 480), "image/png");
        var size = await AssertThumbnailAsync(storage, during, cli);
        Assert.AreEqual((ThumbnailJob.LongestSide, 120), size, "the aspect ratio kept");

        var etag = await EtagAsync(notAnImage);
        var receipt = await WaitAsync(() => BlobTrigger.GetReceiptAsync(storage, "blob-trigger-" + JobQueues.ThumbnailsInboxContainer, notAnImage, etag, CancellationToken.None), found => found?.IsFinal == true, cli);
        Assert.AreEqual(BlobReceiptState.Failed, receipt!.State, receipt.Error);
        var status = await storage.Statuses.GetAsync(receipt.JobId, CancellationToken.None);
        Assert.AreEqual(JobState.Failed, status?.State);
        Assert.IsFalse(string.IsNullOrEmpty(status!.Error), "the reason is recorded");

        cli.Signal("TERM");
        Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);
    }

    private static async Task<(int Width, int Height)> AssertThumbnailAsync(JobStorage storage, string name, CliProcess cli)
    {
        var thumbnail = await WaitAsync(() => storage.Blobs.DownloadAsync(JobQueues.ThumbnailsContainer, "inbox/" + name + ".png", CancellationToken.None), found => found is not null, cli);
        using var bitmap = SKBitmap.Decode(thumbnail!.Content);
        Assert.IsNotNull(bitmap, name);
        Assert.AreEqual(ThumbnailJob.LongestSide, bitmap.Width, name);
        return (bitmap.Width, bitmap.Height);
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> condition, CliProcess cli)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Not done within {Timeout}.\n{cli.Output}");
        throw new InvalidOperationException("unreachable");
    }

    private static async Task UploadAsync(JobStorage storage, string name, byte[] content, string contentType)
    {
        using var stream = new MemoryStream(content);
        await storage.Blobs.UploadAsync(JobQueues.ThumbnailsInboxContainer, name, stream, contentType, CancellationToken.None);
    }

    /// <summary>The blob's current ETag, read as a client of the storage would (the jobs library lists, it does not expose ETags).</summary>
    private static async Task<string> EtagAsync(string name)
    {
        var account = Microsoft.WindowsAzure.Storage.CloudStorageAccount.Parse(TestAzurite.ConnectionString);
        var blob = account.CreateCloudBlobClient().GetContainerReference(JobQueues.ThumbnailsInboxContainer).GetBlockBlobReference(name);
        await blob.FetchAttributesAsync();
        return blob.Properties.ETag;
    }

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor((byte)width, 90, 160));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
