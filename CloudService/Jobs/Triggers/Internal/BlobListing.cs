using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;

namespace BackgroundRoles.Jobs.Triggers.Internal;

/// <summary>
/// Lists a container, flat, through the account's retries. Storage has no "changed since" listing (and Azurite no
/// change feed), so every scan lists every blob under the pattern's prefix: 5,000 a call.
/// </summary>
internal static class BlobListing
{
    public static async Task<IReadOnlyList<ListedBlob>> ListAsync(JobStorage storage, string container, string prefix, CancellationToken ct)
    {
        var reference = storage.BlobClient.GetContainerReference(container);
        var blobs = new List<ListedBlob>();
        BlobContinuationToken? token = null;
        do
        {
            var continuation = token;
            var segment = await storage.Resilience.ExecuteAsync($"list container {container}", async t =>
            {
                try
                {
                    return await reference.ListBlobsSegmentedAsync(prefix.Length == 0 ? null : prefix, true, BlobListingDetails.None, null, continuation, null, null, t).ConfigureAwait(false);
                }
                catch (StorageException exception) when (TransientErrors.Is(exception, 404))
                {
                    // A container deleted under the trigger: nothing to handle until it comes back.
                    return null;
                }
            }, ct).ConfigureAwait(false);
            if (segment is null)
            {
                return blobs;
            }

            foreach (var item in segment.Results)
            {
                if (item is CloudBlob blob && blob.Properties.ETag is { } etag && blob.Properties.LastModified is { } modified)
                {
                    blobs.Add(new ListedBlob(blob.Name, etag, modified, blob.Properties.Length));
                }
            }

            token = segment.ContinuationToken;
        }
        while (token is not null);
        return blobs;
    }
}
