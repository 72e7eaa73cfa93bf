using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using SkiaSharp;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// What reaches the worker past the web role: a hand-written message is held to the same contract (poison at once,
/// with the reason, and no side effect), a damaged image fails with the reason, a huge one is decoded in bounded memory.
/// </summary>
public sealed partial class JobsEndToEndTests
{
    [TestMethod]
    [DataRow("""{"customerEmail":"hand@example.com","items":[{"sku":"sku-fig","quantity":-5,"unitPrice":1.20}]}""", "items[0].quantity")]
    [DataRow("""{"customerEmail":"hand@example.com","items":[]}""", "items")]
    [DataRow("""{"customerEmail":"hand@example.com","items":[{"sku":"sku-fig","quantity":2,"unitPrice":-1.20}]}""", "items[0].unitPrice")]
    [DataRow("""{"customerEmail":"hand@example.com","items":[{"sku":"sku-fig","quantity":"lots"}]}""", "not an order")]
    public async Task Order_HandWrittenInvalidMessage_PoisonedAtOnceWithTheReasonAndNoSideEffect(string payload, string reason)
    {
        var stock = await StockAsync("sku-fig");
        var jobId = Guid.NewGuid().ToString("N");
        var envelope = JsonSerializer.Serialize(new { jobId, jobType = JobTypes.Order, payload });

        await StorageProbe.AddAsync(JobQueues.Orders, envelope);
        var status = await WaitForFinalStatusAsync(jobId);

        Assert.AreEqual(JobState.Poisoned, status.State, status.Error);
        Assert.AreEqual(1, status.Attempts, "poison at the first delivery, not after retries");
        StringAssert.Contains(status.Error, reason);
        var poisoned = (await StorageProbe.PeekAsync(JobQueues.Orders + "-poison")).SingleOrDefault(m => m.Contains(jobId, StringComparison.Ordinal));
        Assert.IsNotNull(poisoned, "the message is in the poison queue");
        StringAssert.Contains(poisoned, reason);
        Assert.AreEqual(stock, await StockAsync("sku-fig"), "no stock moved");
        Assert.IsNull(await PaymentAsync(jobId), "no charge");
    }

    [TestMethod]
    public async Task Thumbnail_HandWrittenInvalidImageId_PoisonedAtOnce()
    {
        var jobId = Guid.NewGuid().ToString("N");
        var payload = JsonSerializer.Serialize(new { imageId = "../outbox/x", contentType = "image/png" });

        await StorageProbe.AddAsync(JobQueues.Thumbnails, JsonSerializer.Serialize(new { jobId, jobType = JobTypes.Thumbnail, payload }));
        var status = await WaitForFinalStatusAsync(jobId);

        Assert.AreEqual(JobState.Poisoned, status.State, status.Error);
        StringAssert.Contains(status.Error, "imageId");
    }

    [TestMethod]
    [DataRow("png", "png image is truncated")]
    [DataRow("jpeg", "jpeg image is truncated")]
    public async Task Thumbnail_TruncatedImagePastTheWebRole_FailsWithTheReasonAndNoThumbnail(string format, string reason)
    {
        var image = format == "png" ? TestImages.NoisyPng(64, 64) : TestImages.NoisyJpeg(600, 400);
        var jobId = await SubmitPastTheWebRoleAsync(TestImages.Truncated(image, 0.5), "image/" + format);

        var status = await s_service.WaitForJobAsync(jobId);

        Assert.AreEqual("Failed", status.GetProperty("state").GetString(), status.ToString());
        StringAssert.Contains(status.GetProperty("error").GetString(), reason, StringComparison.OrdinalIgnoreCase);
        Assert.IsNull(await s_storage.Blobs.DownloadAsync(JobQueues.ThumbnailsContainer, jobId, CancellationToken.None), "no partial thumbnail");
    }

    /// <summary>A 64-megapixel jpeg is 256 MB decoded whole; decoded in eighths it is 4 MB.</summary>
    [TestMethod]
    public async Task Thumbnail_JpegOf8000x8000Pixels_SucceedsInBoundedMemory()
    {
        var image = TestImages.Jpeg(8000, 8000);
        var pid = await s_service.WorkerRoleProcessIdAsync();
        var before = ResetPeakMemory(pid);

        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var response = await s_service.Http.PostAsync("/api/thumbnails", content);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
        var status = await s_service.WaitForJobAsync(jobId);

        Assert.AreEqual("Succeeded", status.GetProperty("state").GetString(), status.ToString());
        using var thumbnail = SKBitmap.Decode(await s_service.Http.GetByteArrayAsync(status.GetProperty("resultUrl").GetString()));
        Assert.AreEqual(160, thumbnail.Width);
        Assert.AreEqual(160, thumbnail.Height);
        AssertPeakGrowthBelow(pid, before, 100, image.Length);
    }

    /// <summary>
    /// The issue's 187 KB png of 8000 x 8000 pixels: its codec can decode it only whole (256 MB), so the web role
    /// refuses it from its header, and a message that names it anyway fails without the worker decoding it.
    /// </summary>
    [TestMethod]
    public async Task Thumbnail_SmallPngOf8000x8000Pixels_RefusedByTheWebRoleAndFailedByTheWorkerInBoundedMemory()
    {
        var image = TestImages.SolidGreyPng(8000, 8000);
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var refused = await s_service.Http.PostAsync("/api/thumbnails", content);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, refused.StatusCode, problem);
        StringAssert.Contains(problem, "8000 x 8000 pixels");

        var pid = await s_service.WorkerRoleProcessIdAsync();
        var before = ResetPeakMemory(pid);
        var jobId = await SubmitPastTheWebRoleAsync(image, "image/png");
        var status = await s_service.WaitForJobAsync(jobId);

        Assert.AreEqual("Failed", status.GetProperty("state").GetString(), status.ToString());
        StringAssert.Contains(status.GetProperty("error").GetString(), "over the budget");
        AssertPeakGrowthBelow(pid, before, 100, image.Length);
    }

    /// <summary>Uploads an image and submits its job as a client of the jobs library could, without the web role's checks.</summary>
    private static async Task<string> SubmitPastTheWebRoleAsync(byte[] image, string contentType)
    {
        var imageId = Guid.NewGuid().ToString("N");
        using (var content = new MemoryStream(image))
        {
            await s_storage.Blobs.UploadAsync(JobQueues.UploadsContainer, imageId, content, contentType, CancellationToken.None);
        }

        var payload = JsonSerializer.Serialize(new ThumbnailJob(imageId, contentType), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return (await s_storage.Jobs.SubmitAsync(JobQueues.Thumbnails, JobTypes.Thumbnail, payload, null, CancellationToken.None)).JobId;
    }

    /// <summary>Resets the process's peak resident size (VmHWM) to its current size, which it returns.</summary>
    private static long ResetPeakMemory(int pid)
    {
        var current = ProcessMemory(pid, "VmRSS");
        File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        return current;
    }

    private static void AssertPeakGrowthBelow(int pid, long before, int megabytes, int uploadBytes)
    {
        var growth = ProcessMemory(pid, "VmHWM") - before;
        Assert.IsTrue(growth < megabytes * 1024L * 1024, $"the worker's peak grew by {growth / (1024 * 1024)} MB for a {uploadBytes / 1024} KB upload");
    }

    private static long ProcessMemory(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Polls a job's status record until it is final; a hand-written message has none until the worker takes it.</summary>
    private static async Task<JobStatus> WaitForFinalStatusAsync(string jobId)
    {
        var deadline = DateTime.UtcNow + RunningService.Timeout;
        while (true)
        {
            var status = await s_storage.Statuses.GetAsync(jobId, CancellationToken.None);
            if (status is { State: JobState.Succeeded or JobState.Failed or JobState.Poisoned })
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} is {status?.State.ToString() ?? "unknown"}. Worker: {s_service.Worker?.Output}");
            }

            await Task.Delay(100);
        }
    }
}
