using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs;

/// <summary>
/// Job status records in the <see cref="JobDefaults.StatusTable"/> table, one per job, where <see cref="LocationOf"/>
/// says, so a reader finds one with one point read. The submit writes Queued; the processor writes the final record of
/// a job that succeeded whole, without reading it first, in an entity group transaction with the other final records
/// of its partition that are ready at that moment; every other change is a read, change, ETag-guarded replace (again on
/// a conflict), so concurrent updates are not lost.
/// </summary>
public sealed partial class JobStatusStore
{
    /// <summary>The row key of a record at the first layout (partition: the job id); <see cref="JobRetention"/> queries by it.</summary>
    internal const string LegacyRowKey = "status";

    /// <summary>What every time partition's key starts with; <see cref="JobRetention"/> queries by it.</summary>
    internal const string TimePartitionPrefix = "j";
    private const int MaxUpdateAttempts = 10;

    private readonly JobStorage _storage;
    private readonly DocumentTable<JobStatus> _table;
    private readonly StatusBatcher _batcher;

    internal JobStatusStore(JobStorage storage)
    {
        _storage = storage;
        _table = storage.Table<JobStatus>(JobDefaults.StatusTable);
        _batcher = new StatusBatcher(_table);
    }

    /// <summary>
    /// Where a job's status record is: for a time-ordered job id (what <see cref="JobClient.SubmitAsync"/> gives: a
    /// version 7 GUID as 32 lowercase hex digits), partition <c>j</c> and the id's first
    /// <see cref="JobDefaults.StatusPartitionDigits"/> digits (its submit time in 256 ms steps), row key the id; for any
    /// other id (a job submitted before, or a message written by hand), partition the id and row key <c>status</c>.
    /// </summary>
    public static (string Partition, string RowKey) LocationOf(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return IsTimeOrdered(jobId) ? (TimePartitionPrefix + jobId[..JobDefaults.StatusPartitionDigits], jobId) : (jobId, LegacyRowKey);
    }

    /// <summary>The partition of the status records of jobs submitted in the 256 ms at <paramref name="time"/> (for range queries by age).</summary>
    public static string PartitionAt(DateTimeOffset time) => TimePartitionPrefix + Guid.CreateVersion7(time).ToString("N")[..JobDefaults.StatusPartitionDigits];

    /// <summary>The job's status, or null for an unknown job id.</summary>
    public async Task<JobStatus?> GetAsync(string jobId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        if (StorageNames.Key(jobId) != jobId)
        {
            return null;
        }

        return (await GetDocumentAsync(jobId, ct).ConfigureAwait(false))?.Value;
    }

    /// <summary>The job's status with its ETag, so that the next update needs no read.</summary>
    internal Task<Document<JobStatus>?> GetDocumentAsync(string jobId, CancellationToken ct)
    {
        var (partition, rowKey) = LocationOf(jobId);
        return _table.GetAsync(partition, rowKey, ct);
    }

    /// <summary>
    /// Writes the first record of a new job, Queued, or Scheduled when it is due later (<paramref name="dueAt"/> ahead
    /// of now), naming <paramref name="queue"/>; returns when it was created.
    /// </summary>
    internal async Task<DateTimeOffset> CreateAsync(string jobId, string jobType, string queue, DateTimeOffset? dueAt, bool cancellable, CancellationToken ct)
    {
        var now = _storage.TimeProvider.GetUtcNow();
        var (partition, rowKey) = LocationOf(jobId);
        var state = dueAt > now ? JobState.Scheduled : JobState.Queued;
        await _table.UpsertAsync(partition, rowKey, new JobStatus(jobId, jobType, state, 0, null, null, now, now, null, null, 0, dueAt, cancellable) { Queue = queue }, ct).ConfigureAwait(false);
        return now;
    }

    /// <summary>
    /// Writes a job's final record whole, whatever was there, without reading it first: batched with the other
    /// records of its partition that are ready at the same time. Returns once it is durable.
    /// </summary>
    internal async Task<Document<JobStatus>> CompleteAsync(JobStatus record, CancellationToken ct)
    {
        var (partition, rowKey) = LocationOf(record.JobId);
        var etag = await _batcher.WriteAsync(partition, rowKey, record, ct).ConfigureAwait(false);
        return new Document<JobStatus>(record, etag);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current record (a fresh one for a job without a record) and writes it
    /// with its ETag, reading again after a conflict. <paramref name="change"/> returns null to leave the record as it is.
    /// With <paramref name="known"/> (the record as last read or written) the first try needs no read: a job's
    /// status then costs one call per change, and a stale <paramref name="known"/> only costs the read it saved.
    /// <paramref name="clock"/> stamps the record (a queue processor's clock for its run); the account's by default.
    /// </summary>
    /// <returns>The record as written (or as it was, when nothing changed), with its ETag; null only when there is no record and nothing to write.</returns>
    internal async Task<Document<JobStatus>?> UpdateAsync(string jobId, string jobType, Func<JobStatus, JobStatus?> change, CancellationToken ct, Document<JobStatus>? known = null, TimeProvider? clock = null)
    {
        var (partition, rowKey) = LocationOf(jobId);
        for (var attempt = 1; ; attempt++)
        {
            var now = (clock ?? _storage.TimeProvider).GetUtcNow();
            var current = attempt == 1 && known is not null ? known : await GetDocumentAsync(jobId, ct).ConfigureAwait(false);
            var before = current?.Value ?? new JobStatus(jobId, jobType, JobState.Queued, 0, null, null, now, now, null, null, 0);
            var after = change(before);
            if (after is null)
            {
                return current;
            }

            after = after with { UpdatedAt = now };
            var etag = current is null
                ? await _table.InsertAsync(partition, rowKey, after, ct).ConfigureAwait(false)
                : await _table.ReplaceAsync(partition, rowKey, after, current.ETag, ct).ConfigureAwait(false);
            if (etag is not null)
            {
                return new Document<JobStatus>(after, etag);
            }

            if (attempt >= MaxUpdateAttempts)
            {
                throw new JobStorageException($"The status of job {jobId} kept changing under {MaxUpdateAttempts} updates in a row.");
            }
        }
    }

    /// <summary>32 lowercase hex digits with the version digit 7 and the RFC 4122 variant: a version 7 GUID's "N" form.</summary>
    private static bool IsTimeOrdered(string jobId) =>
        jobId.Length == 32 && jobId[12] == '7' && jobId[16] is ('8' or '9' or 'a' or 'b') && jobId.All(char.IsAsciiHexDigitLower);
}
