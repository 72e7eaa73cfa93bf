using System.Text.Json;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using SkiaSharp;

namespace BackgroundRoles.WorkerRole.Thumbnails;

/// <summary>
/// Decodes an uploaded image and stores a thumbnail of at most <see cref="ThumbnailJob.LongestSide"/> pixels on
/// its longest side (never enlarged), as PNG, named by the job id. An image that cannot be decoded is poison.
/// </summary>
internal sealed class ThumbnailHandler(JobStorage storage) : IJobHandler
{
    public string JobType => JobTypes.Thumbnail;

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<ThumbnailJob>(context.Payload, JsonOptions.Web)
            ?? throw new PoisonJobException("The thumbnail job has no payload.");
        var original = await storage.Blobs.DownloadAsync(JobQueues.UploadsContainer, job.ImageId, cancellationToken).ConfigureAwait(false)
            ?? throw new PoisonJobException($"The uploaded image {job.ImageId} does not exist.");

        await context.ReportProgressAsync(30, cancellationToken).ConfigureAwait(false);
        var thumbnail = Render(original.Content);
        using var content = new MemoryStream(thumbnail, writable: false);
        await storage.Blobs.UploadAsync(JobQueues.ThumbnailsContainer, context.JobId, content, "image/png", cancellationToken).ConfigureAwait(false);
        return new JobResult($"{JobQueues.ThumbnailsContainer}/{context.JobId}");
    }

    /// <summary>The thumbnail as PNG bytes; throws <see cref="PoisonJobException"/> for bytes that are no image.</summary>
    internal static byte[] Render(byte[] image)
    {
        using var source = SKBitmap.Decode(image) ?? throw new PoisonJobException("The upload is not a decodable png, jpeg or webp image.");
        var scale = Math.Min(1.0, (double)ThumbnailJob.LongestSide / Math.Max(source.Width, source.Height));
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        using var resized = source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new PoisonJobException("The image could not be resized.");
        using var encoded = resized.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
