using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs.Scheduling.Internal;

/// <summary>The schedule records: one document per job in <see cref="JobDefaults.ScheduleTable"/>, every write guarded by its ETag.</summary>
internal sealed class ScheduleRecords(JobStorage storage)
{
    private const string Partition = "schedule";

    private readonly DocumentTable<ScheduleRecord> _table = storage.Table<ScheduleRecord>(JobDefaults.ScheduleTable);

    public Task<Document<ScheduleRecord>?> GetAsync(string name, CancellationToken ct) => _table.GetAsync(Partition, name, ct);

    /// <summary>The job's record, created first when it has none.</summary>
    public async Task<Document<ScheduleRecord>> EnsureAsync(ScheduleRecord initial, CancellationToken ct)
    {
        while (true)
        {
            if (await GetAsync(initial.Name, ct).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }

            if (await _table.InsertAsync(Partition, initial.Name, initial, ct).ConfigureAwait(false) is { } etag)
            {
                return new Document<ScheduleRecord>(initial, etag);
            }
        }
    }

    /// <summary>Replaces the record if unchanged since it was read; its new ETag, or null when another writer came first.</summary>
    public Task<string?> ReplaceAsync(ScheduleRecord record, string etag, CancellationToken ct) => _table.ReplaceAsync(Partition, record.Name, record, etag, ct);

    /// <summary>Every record, by name.</summary>
    public async Task<IReadOnlyList<ScheduleRecord>> ListAsync(CancellationToken ct)
    {
        await storage.EnsureTableAsync(JobDefaults.ScheduleTable, ct).ConfigureAwait(false);
        var table = storage.CloudTable(JobDefaults.ScheduleTable);
        var query = new TableQuery<DynamicTableEntity>().Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, Partition));
        var records = new List<ScheduleRecord>();
        TableContinuationToken? continuation = null;
        do
        {
            var segment = await storage.Resilience.ExecuteAsync("list schedules", token =>
                table.ExecuteQuerySegmentedAsync(query, continuation, null, null, token), ct).ConfigureAwait(false);
            foreach (var entity in segment.Results)
            {
                // A record another version or a person left unreadable is left out rather than failing the listing.
                if (entity.Properties.TryGetValue("Json", out var json) && TryRead(json.StringValue) is { } record)
                {
                    records.Add(record);
                }
            }

            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);
        return records.OrderBy(record => record.Name, StringComparer.Ordinal).ToArray();
    }

    private static ScheduleRecord? TryRead(string? json)
    {
        try
        {
            return json is null ? null : JobJson.Deserialize<ScheduleRecord>(json);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
