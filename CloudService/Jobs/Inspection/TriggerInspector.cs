using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Leases.Internal;
using BackgroundRoles.Jobs.Triggers;
using BackgroundRoles.Jobs.Triggers.Internal;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs.Inspection;

/// <summary>
/// What an operator sees of the blob triggers of an account (<c>status</c>, the dashboard): each trigger's container,
/// pattern and cursor, its receipts counted by state, and its newest failed versions with their errors. Read only;
/// every call goes through the account's <see cref="JobStorage"/> (its retries, <see cref="JobStorageException"/>).
/// </summary>
public sealed class TriggerInspector
{
    private const string JsonProperty = "Json";

    private readonly JobStorage _storage;

    /// <summary>Reads the triggers kept in <paramref name="storage"/>.</summary>
    public TriggerInspector(JobStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    /// <summary>Every trigger that has scanned at least once (it has a cursor), by name.</summary>
    public Task<IReadOnlyList<BlobTriggerSummary>> ListTriggersAsync(CancellationToken ct) => ListTriggersAsync(_ => true, ct);

    /// <summary>The triggers that have scanned at least once and whose names <paramref name="include"/> accepts, by name; only those have their receipts read.</summary>
    public async Task<IReadOnlyList<BlobTriggerSummary>> ListTriggersAsync(Predicate<string> include, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(include);
        var cursors = new List<(string Name, BlobCursor Cursor)>();
        await QueryAsync(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, BlobNames.CursorPartition), entity =>
        {
            if (include(entity.RowKey) && Read<BlobCursor>(entity) is { } cursor)
            {
                cursors.Add((entity.RowKey, cursor));
            }

            return true;
        }, ct).ConfigureAwait(false);
        var summaries = new List<BlobTriggerSummary>(cursors.Count);
        foreach (var (name, cursor) in cursors.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            summaries.Add(await SummarizeAsync(name, cursor, ct).ConfigureAwait(false));
        }

        return summaries;
    }

    /// <summary>One trigger by name; null when it has not scanned yet (no cursor).</summary>
    /// <exception cref="ArgumentException">Not a usable trigger name.</exception>
    public async Task<BlobTriggerSummary?> GetTriggerAsync(string name, CancellationToken ct)
    {
        LeaseNames.Validate(name, "blob trigger", nameof(name));
        var cursor = await _storage.Table<BlobCursor>(JobDefaults.BlobReceiptTable).GetAsync(BlobNames.CursorPartition, name, ct).ConfigureAwait(false);
        return cursor is null ? null : await SummarizeAsync(name, cursor.Value, ct).ConfigureAwait(false);
    }

    private async Task<BlobTriggerSummary> SummarizeAsync(string name, BlobCursor cursor, CancellationToken ct)
    {
        var counts = new int[Enum.GetValues<BlobReceiptState>().Length];
        var failures = new List<BlobReceipt>();
        var read = 0;
        string? container = cursor.Container;
        var complete = await QueryAsync(BlobNames.ReceiptPartitionsOf(name), entity =>
        {
            if (read >= JobDefaults.MaxCountedReceipts)
            {
                return false;
            }

            if (Read<BlobReceipt>(entity) is { } receipt && receipt.Trigger == name)
            {
                read++;
                counts[(int)receipt.State]++;
                container ??= receipt.Container;
                if (receipt.State is BlobReceiptState.Poisoned or BlobReceiptState.Failed)
                {
                    failures.Add(receipt);
                    if (failures.Count > JobDefaults.MaxInspectedFailedReceipts * 4)
                    {
                        failures = Newest(failures);
                    }
                }
            }

            return true;
        }, ct).ConfigureAwait(false);
        return new BlobTriggerSummary(
            name,
            container,
            cursor.NamePattern,
            cursor.Watermark,
            cursor.UpdatedAt,
            counts[(int)BlobReceiptState.Running],
            counts[(int)BlobReceiptState.Retrying],
            counts[(int)BlobReceiptState.Succeeded],
            counts[(int)BlobReceiptState.Failed],
            counts[(int)BlobReceiptState.Poisoned],
            complete,
            [.. Newest(failures).Select(r => new FailedBlobVersion(r.BlobName, r.ETag, r.JobId, r.State, r.Attempts, r.Error, r.UpdatedAt))]);
    }

    private static List<BlobReceipt> Newest(List<BlobReceipt> receipts) =>
        [.. receipts.OrderByDescending(r => r.UpdatedAt).Take(JobDefaults.MaxInspectedFailedReceipts)];

    /// <summary>Runs the query segment by segment until <paramref name="each"/> says stop (false: not all read) or the rows end (true).</summary>
    private async Task<bool> QueryAsync(string filter, Func<DynamicTableEntity, bool> each, CancellationToken ct)
    {
        await _storage.EnsureTableAsync(JobDefaults.BlobReceiptTable, ct).ConfigureAwait(false);
        var table = _storage.CloudTable(JobDefaults.BlobReceiptTable);
        var query = new TableQuery<DynamicTableEntity>().Where(filter);
        TableContinuationToken? continuation = null;
        do
        {
            var segment = await _storage.Resilience.ExecuteAsync("list blob receipts", token =>
                table.ExecuteQuerySegmentedAsync(query, continuation, null, null, token), ct).ConfigureAwait(false);
            foreach (var entity in segment.Results)
            {
                if (!each(entity))
                {
                    return false;
                }
            }

            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);
        return true;
    }

    /// <summary>A row another version or a person left unreadable is left out.</summary>
    private static T? Read<T>(DynamicTableEntity entity)
        where T : class
    {
        try
        {
            return entity.Properties.TryGetValue(JsonProperty, out var json) && json.StringValue is { } text ? JobJson.Deserialize<T>(text) : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
