using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs.Internal;

/// <summary>
/// The jobs due further ahead than a queue message can wait (<see cref="JobDefaults.DueJobsTable"/>): one partition,
/// row key the due time (UTC ticks, fixed width) then the job id, so the jobs due by a moment are one range query in
/// due order. Also the one place a job message goes out hidden until its due time.
/// </summary>
internal sealed class DueJobStore
{
    private const string Partition = "due";

    /// <summary>The most rows the table service returns in one page.</summary>
    private const int PageSize = 1000;

    /// <summary>
    /// A message's time to live: none. A hidden message must outlive its wait, and a job that waited for its due
    /// time should not then vanish unprocessed after the default 7 days.
    /// </summary>
    private static readonly TimeSpan NoExpiry = TimeSpan.FromSeconds(-1);

    private readonly JobStorage _storage;
    private readonly DocumentTable<DueJobRecord> _table;

    public DueJobStore(JobStorage storage)
    {
        _storage = storage;
        _table = storage.Table<DueJobRecord>(JobDefaults.DueJobsTable);
    }

    public static string RowKey(DateTimeOffset dueAt, string jobId) => dueAt.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "-" + jobId;

    /// <summary>Sends a job message hidden for <paramref name="wait"/> (none when zero or less; at most <see cref="JobDefaults.MaxVisibilityDelay"/>).</summary>
    public Task SendAsync(string queueName, string text, TimeSpan wait, CancellationToken ct)
    {
        if (wait <= TimeSpan.Zero)
        {
            return _storage.Resilience.ExecuteAsync("add message to " + queueName, token =>
                _storage.Queue(queueName).AddMessageAsync(new CloudQueueMessage(text), null, null, null, null, token), ct);
        }

        // The service takes whole seconds: rounded down, the message shows up to a second early and the processor holds
        // it until the due time (JobClaim), where rounding up would make every job up to a second late.
        var seconds = Math.Floor(wait.TotalSeconds);
        var delay = seconds < JobDefaults.MaxVisibilityDelay.TotalSeconds ? TimeSpan.FromSeconds(seconds) : JobDefaults.MaxVisibilityDelay;
        return _storage.Resilience.ExecuteAsync("add due message to " + queueName, token =>
            _storage.Queue(queueName).AddMessageAsync(new CloudQueueMessage(text), NoExpiry, delay, null, null, token), ct);
    }

    public Task AddAsync(DueJobRecord record, CancellationToken ct) =>
        _table.UpsertAsync(Partition, RowKey(record.DueAt, record.JobId), record, ct);

    /// <summary>The waiting jobs due by <paramref name="until"/>, earliest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<DueJobRecord>> ListDueAsync(DateTimeOffset until, int max, CancellationToken ct)
    {
        await _storage.EnsureTableAsync(JobDefaults.DueJobsTable, ct).ConfigureAwait(false);
        var table = _storage.CloudTable(JobDefaults.DueJobsTable);

        // '.' sorts above '-': every row due by the tick 'until' is below it.
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, Partition),
            TableOperators.And,
            TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, until.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "."));
        var records = new List<DueJobRecord>();
        TableContinuationToken? continuation = null;

        // The service may end a segment early (at most 1000 rows, or at its time limit): read on until max or the end.
        do
        {
            var query = new TableQuery<DynamicTableEntity>().Where(filter).Take(Math.Min(PageSize, max - records.Count));
            var token = continuation;
            var segment = await _storage.Resilience.ExecuteAsync("list due jobs", t =>
                table.ExecuteQuerySegmentedAsync(query, token, null, null, t), ct).ConfigureAwait(false);
            foreach (var entity in segment.Results)
            {
                if (entity.Properties.TryGetValue("Json", out var json) && JobJson.Deserialize<DueJobRecord>(json.StringValue) is { } record)
                {
                    records.Add(record);
                }
            }

            continuation = segment.ContinuationToken;
        }
        while (continuation is not null && records.Count < max);

        return records;
    }

    /// <summary>Deletes a waiting job's row; one already gone is fine (another mover, or a cancel, took it).</summary>
    public Task DeleteAsync(DateTimeOffset dueAt, string jobId, CancellationToken ct)
    {
        var table = _storage.CloudTable(JobDefaults.DueJobsTable);
        var entity = new DynamicTableEntity(Partition, RowKey(dueAt, jobId)) { ETag = "*" };
        return _storage.Resilience.ExecuteAsync("delete due job", async token =>
        {
            try
            {
                await table.ExecuteAsync(TableOperation.Delete(entity), null, null, token).ConfigureAwait(false);
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 404))
            {
                // Gone already.
            }
        }, ct);
    }
}
