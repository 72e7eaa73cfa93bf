using System.Text.Json;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests.ScheduleRole;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Tests;

/// <summary>
/// Reads what ScheduleRole instances recorded (<see cref="ScheduleRoleRecords"/>) straight from the table, as one
/// partition query each: the runs of each tick, the duplicate runs, the singleton's holdings.
/// </summary>
internal sealed class ScheduleRoleRecordsReader
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly CloudTable _table;

    public ScheduleRoleRecordsReader(string connectionString)
    {
        if (!StorageConnection.TryParse(connectionString, out var account, out var error))
        {
            throw new ArgumentException(error, nameof(connectionString));
        }

        _table = account!.CreateCloudTableClient().GetTableReference(ScheduleRoleRecords.Table);
    }

    /// <summary>The runs of the scheduled job named after <paramref name="name"/> (the Job.Name setting), one per tick, by tick.</summary>
    public async Task<IReadOnlyList<TickRecord>> TicksAsync(string name) =>
        [.. (await ReadAsync<TickRecord>(ScheduleRoleRecords.TicksPartition(ScheduleRoleRecords.JobName(name)))).OrderBy(t => t.Tick)];

    /// <summary>The runs of a tick that already had one: every one is a tick run twice.</summary>
    public Task<IReadOnlyList<TickRecord>> DuplicatesAsync(string name) =>
        ReadAsync<TickRecord>(ScheduleRoleRecords.DuplicatesPartition(ScheduleRoleRecords.JobName(name)));

    /// <summary>The singleton's holdings, by start.</summary>
    public async Task<IReadOnlyList<HoldRecord>> HoldsAsync(string name) =>
        [.. (await ReadAsync<HoldRecord>(ScheduleRoleRecords.HoldsPartition(ScheduleRoleRecords.SingletonName(name)))).OrderBy(h => h.Start)];

    /// <summary>Pairs of holdings by different instances whose times overlap: two instances running the singleton at once.</summary>
    public static IReadOnlyList<(HoldRecord First, HoldRecord Second)> Overlaps(IReadOnlyList<HoldRecord> holds) =>
        [.. from a in holds
            from b in holds
            where a.Start < b.Start || (a.Start == b.Start && string.CompareOrdinal(a.Instance, b.Instance) < 0)
            where a.Instance != b.Instance && b.Start <= a.LastSeen
            select (a, b)];

    /// <summary>The holdings as a table, for a failure message.</summary>
    public static string Describe(IEnumerable<HoldRecord> holds) =>
        string.Join(Environment.NewLine, holds.Select(h => $"{h.Instance}: {h.Start:HH:mm:ss.fff} to {h.LastSeen:HH:mm:ss.fff} ({h.Beats} beats)"));

    /// <summary>The tick → instance table, for a failure message.</summary>
    public static string Describe(IEnumerable<TickRecord> ticks) =>
        string.Join(Environment.NewLine, ticks.Select(t => $"{t.Tick:HH:mm:ss.fff} -> {t.Instance} ({t.Kind}, started {(t.Start - t.Tick).TotalMilliseconds:F0} ms late, {t.Outcome})"));

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string partition)
    {
        if (!await _table.ExistsAsync())
        {
            return [];
        }

        var query = new TableQuery<DynamicTableEntity>().Where(TableQuery.GenerateFilterCondition(nameof(ITableEntity.PartitionKey), QueryComparisons.Equal, partition));
        var rows = new List<T>();
        TableContinuationToken? continuation = null;
        do
        {
            var segment = await _table.ExecuteQuerySegmentedAsync(query, continuation);
            rows.AddRange(segment.Results.Select(e => JsonSerializer.Deserialize<T>(e.Properties["Json"].StringValue, s_json)
                ?? throw new InvalidDataException($"An empty record in {partition}/{e.RowKey}.")));
            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);
        return rows;
    }
}
