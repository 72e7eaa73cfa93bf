using System.Text.RegularExpressions;
using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs;

/// <summary>
/// Deletes what finished jobs leave behind once they are old enough: each status record in
/// <see cref="JobDefaults.StatusTable"/> whose job ended (Succeeded, Failed, Poisoned) before a cutoff, with its result
/// blob (a <see cref="JobStatus.ResultReference"/> of the form <c>container/name</c>) and its claim-checked payload
/// (<see cref="JobDefaults.PayloadContainer"/>). Blobs go first, the record last, so a run cut short is finished by
/// the next one. A job not yet final is never touched, however old. Every storage access of the cleanup is in this
/// class, so a change of how status records are kept changes it here only.
/// </summary>
public sealed partial class JobRetention
{
    private const string JsonProperty = "Json";

    private readonly JobStorage _storage;
    private readonly TimeProvider _clock;

    /// <summary>A cleanup of the jobs kept in <paramref name="storage"/>.</summary>
    public JobRetention(JobStorage storage)
        : this(storage, null)
    {
    }

    /// <summary>A cleanup of the jobs kept in <paramref name="storage"/>, telling the time by <paramref name="timeProvider"/> (default the storage's clock).</summary>
    public JobRetention(JobStorage storage, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _clock = timeProvider ?? storage.TimeProvider;
    }

    /// <summary>
    /// Deletes every job that reached its final state before <paramref name="cutoff"/> (its <see cref="JobStatus.CompletedAt"/>,
    /// else its last update), its blobs first. A record that changed since it was read (a job run again) is kept.
    /// Then the blob trigger receipts: Succeeded ones final before the cutoff, Failed and Poisoned ones also kept at
    /// least <see cref="JobDefaults.BlobFailedReceiptRetention"/>, each only once no scan can run its version again
    /// (<see cref="DeleteFinishedReceiptsAsync"/>).
    /// </summary>
    /// <exception cref="JobStorageException">Storage failed after its retries; what was deleted before stays deleted.</exception>
    public async Task<RetentionResult> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await _storage.EnsureTableAsync(JobDefaults.StatusTable, ct).ConfigureAwait(false);
        var table = _storage.CloudTable(JobDefaults.StatusTable);
        var query = new TableQuery<DynamicTableEntity>().Where(RecordsSubmittedBy(cutoff));
        var (records, blobs, kept) = (0, 0, 0);
        TableContinuationToken? continuation = null;
        do
        {
            var segment = await _storage.Resilience.ExecuteAsync("list job statuses", token =>
                table.ExecuteQuerySegmentedAsync(query, continuation, null, null, token), ct).ConfigureAwait(false);
            foreach (var entity in segment.Results)
            {
                if (!IsStatusRecord(entity) || TryRead(entity) is not { IsFinal: true } status || (status.CompletedAt ?? status.UpdatedAt) >= cutoff)
                {
                    continue;
                }

                blobs += await DeleteBlobsAsync(status, ct).ConfigureAwait(false);
                if (await DeleteIfUnchangedAsync(table, entity, ct).ConfigureAwait(false))
                {
                    records++;
                }
                else
                {
                    kept++;
                }
            }

            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);
        var failedCutoff = _clock.GetUtcNow() - JobDefaults.BlobFailedReceiptRetention;
        var receipts = await DeleteFinishedReceiptsAsync(cutoff, failedCutoff < cutoff ? failedCutoff : cutoff, null, ct).ConfigureAwait(false);
        return new RetentionResult(records, blobs, kept) { Receipts = receipts };
    }

    /// <summary>
    /// The records that may have ended before <paramref name="cutoff"/>: every one at the first layout (row key
    /// <c>status</c>), and the time-partitioned ones of jobs submitted up to the cutoff (a job ends after it was
    /// submitted, and time partitions sort by submit time: <see cref="JobStatusStore.PartitionAt"/>).
    /// </summary>
    private static string RecordsSubmittedBy(DateTimeOffset cutoff) => TableQuery.CombineFilters(
        TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, JobStatusStore.LegacyRowKey),
        TableOperators.Or,
        TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.GreaterThanOrEqual, JobStatusStore.TimePartitionPrefix + "0"),
            TableOperators.And,
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.LessThanOrEqual, JobStatusStore.PartitionAt(cutoff))));

    /// <summary>Whether the entity sits where its job's record belongs (a hand-written row in a time-partition range is not one).</summary>
    private static bool IsStatusRecord(DynamicTableEntity entity) =>
        entity.RowKey == JobStatusStore.LegacyRowKey || JobStatusStore.LocationOf(entity.RowKey) == (entity.PartitionKey, entity.RowKey);

    /// <summary>A record another version or a person left unreadable is not this cleanup's to judge: it is left alone.</summary>
    private static JobStatus? TryRead(DynamicTableEntity entity)
    {
        try
        {
            return entity.Properties.TryGetValue(JsonProperty, out var json) && json.StringValue is { } text ? JobJson.Deserialize<JobStatus>(text) : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    private async Task<int> DeleteBlobsAsync(JobStatus status, CancellationToken ct)
    {
        var deleted = 0;
        if (ResultBlob(status.ResultReference) is { } result && await DeleteBlobAsync(result.Container, result.Name, ct).ConfigureAwait(false))
        {
            deleted++;
        }

        if (await DeleteBlobAsync(JobDefaults.PayloadContainer, JobClient.PayloadBlobName(status.JobId), ct).ConfigureAwait(false))
        {
            deleted++;
        }

        return deleted;
    }

    /// <summary>The blob a result reference names, when it has the form <c>container/name</c>; a URL or a row key names none.</summary>
    private static (string Container, string Name)? ResultBlob(string? reference)
    {
        var slash = reference?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (reference is null || slash <= 0 || slash == reference.Length - 1)
        {
            return null;
        }

        var container = reference[..slash];
        return ContainerName().IsMatch(container) && !container.Contains("--", StringComparison.Ordinal) ? (container, reference[(slash + 1)..]) : null;
    }

    private Task<bool> DeleteBlobAsync(string container, string name, CancellationToken ct) =>
        _storage.Resilience.ExecuteAsync($"delete blob {container}/{name}", async token =>
        {
            try
            {
                return await _storage.BlobClient.GetContainerReference(container).GetBlockBlobReference(name)
                    .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, null, null, null, token).ConfigureAwait(false);
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 404))
            {
                // The container is gone, and the blob with it.
                return false;
            }
        }, ct);

    /// <summary>Deletes a row (a status record, a receipt) if unchanged since the listing; false when it changed (kept) or was gone already.</summary>
    private Task<bool> DeleteIfUnchangedAsync(CloudTable table, DynamicTableEntity entity, CancellationToken ct) =>
        _storage.Resilience.ExecuteAsync($"delete {table.Name} {entity.PartitionKey}/{entity.RowKey}", async token =>
        {
            try
            {
                await table.ExecuteAsync(TableOperation.Delete(entity), null, null, token).ConfigureAwait(false);
                return true;
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 412) || TransientErrors.Is(exception, 404))
            {
                return false;
            }
        }, ct);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$")]
    private static partial Regex ContainerName();
}
