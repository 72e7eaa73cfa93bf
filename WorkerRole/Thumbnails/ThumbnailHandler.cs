using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using SkiaSharp;

namespace BackgroundRoles.WorkerRole.Thumbnails;

/// <summary>
/// Decodes an uploaded image under a memory budget (<see cref="BoundedDecoder"/>) and stores a thumbnail of at most
/// <see cref="ThumbnailJob.LongestSide"/> pixels on its longest side (never enlarged), as PNG, named by the job id.
/// A payload that breaks the contract (<see cref="ThumbnailJob.Validate"/>) or names no upload is poison; an image
/// that cannot be decoded, or is truncated, ends the job Failed with the reason.
/// Many jobs run at once, since each mostly waits on storage; decode, resize and encode take one of
/// <c>rendersAtOnce</c> slots, so the CPU-bound steps never outnumber the cores and at most that many decoded
/// bitmaps are in memory, while the other jobs download and upload.
/// Progress (30 % once downloaded) is reported only by a job whose download took past
/// <see cref="JobDefaults.RunningStatusDelay"/>: reporting writes the Running record, which a quick job skips, and
/// for a quick job it would be three table calls against the two blob calls of its real work.
/// </summary>
internal sealed class ThumbnailHandler(JobStorage storage, int rendersAtOnce, TimeProvider clock) : IJobHandler<ThumbnailJob>
{
    private readonly SemaphoreSlim _renders = new(rendersAtOnce, rendersAtOnce);

    public async Task<JobResult> HandleAsync(ThumbnailJob job, JobContext context, CancellationToken cancellationToken)
    {
        var errors = job.Validate();
        if (errors.Count > 0)
        {
            throw new PoisonJobException("The thumbnail job is not valid: " + ContractValidation.Describe(errors));
        }

        var started = clock.GetTimestamp();
        var original = await storage.Blobs.DownloadAsync(JobQueues.UploadsContainer, job.ImageId, cancellationToken).ConfigureAwait(false)
            ?? throw new PoisonJobException($"The uploaded image {job.ImageId} does not exist.");

        if (clock.GetElapsedTime(started) >= JobDefaults.RunningStatusDelay)
        {
            await context.ReportProgressAsync(30, cancellationToken).ConfigureAwait(false);
        }

        var thumbnail = await RenderGatedAsync(original.Content, cancellationToken).ConfigureAwait(false);
        using var content = new MemoryStream(thumbnail, writable: false);
        await storage.Blobs.UploadAsync(JobQueues.ThumbnailsContainer, context.JobId, content, "image/png", cancellationToken).ConfigureAwait(false);
        return new JobResult($"{JobQueues.ThumbnailsContainer}/{context.JobId}");
    }

    /// <summary><see cref="Render"/> in one of the render slots, waiting for one without holding a thread (the inbox trigger shares the slots).</summary>
    internal async Task<byte[]> RenderGatedAsync(byte[] image, CancellationToken cancellationToken)
    {
        await _renders.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Render(image);
        }
        finally
        {
            _renders.Release();
        }
    }

    /// <summary>The thumbnail as PNG bytes.</summary>
    /// <exception cref="JobFailedException">The bytes are no image, or a truncated or damaged one.</exception>
    internal static byte[] Render(byte[] image)
    {
        var (source, original) = BoundedDecoder.Decode(image, ThumbnailJob.LongestSide * BoundedDecoder.Oversampling);
        using (source)
        {
            var (width, height) = BoundedDecoder.Fit(original, ThumbnailJob.LongestSide);
            using var resized = source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell))
                ?? throw new JobFailedException("The image could not be resized.");
            using var encoded = resized.Encode(SKEncodedImageFormat.Png, 100);
            return encoded.ToArray();
        }
    }
}
