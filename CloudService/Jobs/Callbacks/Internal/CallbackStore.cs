using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs.Callbacks.Internal;

/// <summary>
/// The rows of <see cref="JobDefaults.CallbackTable"/>: the record as JSON, and its claim's end as a property of its
/// own, so "claims run out by now" is one filtered query per queue. Every change but the final delete is guarded by
/// the ETag its writer last saw, so two senders never both believe they own a row.
/// </summary>
internal sealed class CallbackStore(JobStorage storage)
{
    private const string JsonProperty = "Json";
    private const string ClaimedUntilProperty = "ClaimedUntil";

    /// <summary>Inserts the row; its ETag, or null when the job already has one (its owner or a sweep delivers it).</summary>
    public async Task<string?> TryInsertAsync(string queue, CallbackRecord record, CancellationToken ct)
    {
        var table = await TableAsync(ct).ConfigureAwait(false);
        var entity = Entity(queue, record);
        return await storage.Resilience.ExecuteAsync("insert callback", async token =>
        {
            try
            {
                return (await table.ExecuteAsync(TableOperation.Insert(entity), null, null, token).ConfigureAwait(false)).Etag;
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 409))
            {
                return null;
            }
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Replaces the row if it still has <paramref name="etag"/>; the new ETag, or null when another writer changed or deleted it.</summary>
    public async Task<string?> TryReplaceAsync(string queue, CallbackRecord record, string etag, CancellationToken ct)
    {
        var table = await TableAsync(ct).ConfigureAwait(false);
        var entity = Entity(queue, record);
        entity.ETag = etag;
        return await storage.Resilience.ExecuteAsync("claim callback", async token =>
        {
            try
            {
                return (await table.ExecuteAsync(TableOperation.Replace(entity), null, null, token).ConfigureAwait(false)).Etag;
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 412) || TransientErrors.Is(exception, 404))
            {
                return null;
            }
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes the row, whoever holds it: the callback has ended and its outcome is in the status record.</summary>
    public async Task DeleteAsync(string queue, string jobId, CancellationToken ct)
    {
        var table = await TableAsync(ct).ConfigureAwait(false);
        var entity = new DynamicTableEntity(queue, jobId) { ETag = "*" };
        await storage.Resilience.ExecuteAsync("delete callback", async token =>
        {
            try
            {
                await table.ExecuteAsync(TableOperation.Delete(entity), null, null, token).ConfigureAwait(false);
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 404))
            {
                // Gone already: another sender ended it too.
            }
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Up to <paramref name="max"/> rows of <paramref name="queue"/> whose claim ran out by <paramref name="now"/>, each with its ETag.</summary>
    public async Task<IReadOnlyList<Document<CallbackRecord>>> ListClaimableAsync(string queue, DateTimeOffset now, int max, CancellationToken ct)
    {
        var table = await TableAsync(ct).ConfigureAwait(false);
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, queue),
            TableOperators.And,
            TableQuery.GenerateFilterConditionForDate(ClaimedUntilProperty, QueryComparisons.LessThanOrEqual, now));
        var query = new TableQuery<DynamicTableEntity>().Where(filter).Take(max);
        var segment = await storage.Resilience.ExecuteAsync("list callbacks", token =>
            table.ExecuteQuerySegmentedAsync(query, null, null, null, token), ct).ConfigureAwait(false);
        var rows = new List<Document<CallbackRecord>>();
        foreach (var entity in segment.Results)
        {
            // A row this version cannot read is left for whoever wrote it, rather than failing every sweep.
            if (entity.Properties.TryGetValue(JsonProperty, out var json) && JobJson.Deserialize<CallbackRecord>(json.StringValue) is { } record)
            {
                rows.Add(new Document<CallbackRecord>(record, entity.ETag));
            }
        }

        return rows;
    }

    private static DynamicTableEntity Entity(string queue, CallbackRecord record)
    {
        StorageNames.ValidateKey(queue, nameof(queue));
        StorageNames.ValidateKey(record.JobId, nameof(record));
        return new DynamicTableEntity(queue, record.JobId)
        {
            Properties =
            {
                [JsonProperty] = new EntityProperty(JobJson.Serialize(record)),
                [ClaimedUntilProperty] = new EntityProperty(record.ClaimedUntil.UtcDateTime),
            },
        };
    }

    private async Task<CloudTable> TableAsync(CancellationToken ct)
    {
        await storage.EnsureTableAsync(JobDefaults.CallbackTable, ct).ConfigureAwait(false);
        return storage.CloudTable(JobDefaults.CallbackTable);
    }
}
