using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage;

namespace BackgroundRoles.Jobs;

/// <summary>Blobs in the job storage account: payloads too large for a message, results, anything a role keeps.</summary>
public sealed class BlobStore
{
    private readonly JobStorage _storage;

    internal BlobStore(JobStorage storage) => _storage = storage;

    /// <summary>Uploads (or overwrites) a blob, creating the container when missing.</summary>
    public async Task UploadAsync(string container, string name, Stream content, string contentType, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(content);
        await _storage.EnsureContainerAsync(container, ct).ConfigureAwait(false);

        // Buffered so that a retry can send the same bytes again, whatever stream the caller gave.
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await content.CopyToAsync(buffer, ct).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }

        await _storage.Resilience.ExecuteAsync($"upload blob {container}/{name}", token =>
        {
            var blob = _storage.BlobClient.GetContainerReference(container).GetBlockBlobReference(name);
            blob.Properties.ContentType = contentType;
            return blob.UploadFromByteArrayAsync(bytes, 0, bytes.Length, null, null, null, token);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Downloads a blob; null when the container or the blob does not exist.</summary>
    public Task<BlobContent?> DownloadAsync(string container, string name, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _storage.Resilience.ExecuteAsync($"download blob {container}/{name}", async token =>
        {
            var blob = _storage.BlobClient.GetContainerReference(container).GetBlockBlobReference(name);
            using var buffer = new MemoryStream();
            try
            {
                await blob.DownloadToStreamAsync(buffer, null, null, null, token).ConfigureAwait(false);
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 404))
            {
                return null;
            }

            return new BlobContent(buffer.ToArray(), blob.Properties.ContentType ?? "application/octet-stream");
        }, ct);
    }

    /// <summary>Deletes a blob when it exists.</summary>
    public Task DeleteAsync(string container, string name, CancellationToken ct) =>
        _storage.Resilience.ExecuteAsync($"delete blob {container}/{name}", token =>
            _storage.BlobClient.GetContainerReference(container).GetBlockBlobReference(name).DeleteIfExistsAsync(Microsoft.WindowsAzure.Storage.Blob.DeleteSnapshotsOption.None, null, null, null, token), ct);
}
