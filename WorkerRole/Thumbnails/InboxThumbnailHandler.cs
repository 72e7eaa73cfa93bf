using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Triggers;

namespace BackgroundRoles.WorkerRole.Thumbnails;

/// <summary>
/// The blob trigger's handler on <see cref="JobQueues.ThumbnailsInboxContainer"/>: an image dropped there becomes a
/// thumbnail at <c>thumbnails/inbox/&lt;name&gt;.png</c>, rendered by the thumbnail handler's code in its render slots.
/// Written under the blob's name, so an attempt run again (after a crash) or a changed image overwrites the same
/// thumbnail. A blob too large is poisoned at once; one that is no image, or a damaged one, ends Failed with the reason.
/// </summary>
internal sealed class InboxThumbnailHandler(JobStorage storage, ThumbnailHandler thumbnails)
{
    /// <summary>Where the thumbnails of inbox images go, in <see cref="JobQueues.ThumbnailsContainer"/>.</summary>
    public const string Prefix = "inbox/";

    private const string Suffix = ".png";
    private const int MaxBlobName = 1024;

    /// <summary>The thumbnail's blob name for an inbox blob.</summary>
    public static string ThumbnailName(string blobName) => Prefix + blobName + Suffix;

    public async Task<JobResult> HandleAsync(BlobChange change, CancellationToken cancellationToken)
    {
        if (change.Length > WorkerRoleSettings.InboxMaxImageBytes)
        {
            throw new PoisonJobException($"The image is {change.Length} bytes; at most {WorkerRoleSettings.InboxMaxImageBytes} are accepted.");
        }

        var name = ThumbnailName(change.Name);
        if (name.Length > MaxBlobName)
        {
            throw new PoisonJobException($"The blob name is {change.Name.Length} characters; its thumbnail's name would pass the {MaxBlobName} a blob may have.");
        }

        var original = await storage.Blobs.DownloadAsync(change.Container, change.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new JobFailedException("The image was deleted before its thumbnail was made.");
        var thumbnail = await thumbnails.RenderGatedAsync(original.Content, cancellationToken).ConfigureAwait(false);
        using var content = new MemoryStream(thumbnail, writable: false);
        await storage.Blobs.UploadAsync(JobQueues.ThumbnailsContainer, name, content, "image/png", cancellationToken).ConfigureAwait(false);
        return new JobResult($"{JobQueues.ThumbnailsContainer}/{name}");
    }
}
