using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// The blob trigger's baseline: a plain loop that lists a container every interval and reads each blob version it
/// has not seen (remembered in memory only: no receipts, no claims, no status, so nothing survives a restart and two
/// instances would both read everything).
/// </summary>
internal static class PlainBlobLoop
{
    public static async Task RunAsync(string connectionString, string container, TimeSpan interval, int parallelism, Action<string> started, CancellationToken ct)
    {
        var reference = CloudStorageAccount.Parse(connectionString).CreateCloudBlobClient().GetContainerReference(container);
        var seen = new HashSet<(string, string)>();
        try
        {
            while (true)
            {
                var fresh = new List<CloudBlob>();
                BlobContinuationToken? token = null;
                do
                {
                    var segment = await reference.ListBlobsSegmentedAsync(null, true, BlobListingDetails.None, null, token, null, null, ct).ConfigureAwait(false);
                    fresh.AddRange(segment.Results.OfType<CloudBlob>().Where(blob => seen.Add((blob.Name, blob.Properties.ETag))));
                    token = segment.ContinuationToken;
                }
                while (token is not null);
                await Parallel.ForEachAsync(fresh, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (blob, token) =>
                {
                    started(blob.Name);
                    using var content = new MemoryStream();
                    await blob.DownloadToStreamAsync(content, null, null, null, token).ConfigureAwait(false);
                }).ConfigureAwait(false);
                await Task.Delay(interval, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped by the benchmark.
        }
    }
}
