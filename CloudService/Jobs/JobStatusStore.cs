using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs;

/// <summary>
/// Job status records in the <see cref="JobDefaults.StatusTable"/> table, one per job. The processor changes a
/// record by read, change, ETag-guarded replace (again on a conflict), so concurrent updates are not lost.
/// </summary>
public sealed partial class JobStatusStore
{
    private const string RowKey = "status";
    private const int MaxUpdateAttempts = 10;

    private readonly JobStorage _storage;
    private readonly DocumentTable<JobStatus> _table;

    internal JobStatusStore(JobStorage storage)
    {
        _storage = storage;
        _table = storage.Table<JobStatus>(JobDefaults.StatusTable);
    }

    /// <summary>The job's status, or null for an unknown job id.</summary>
    public async Task<JobStatus?> GetAsync(string jobId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        if (StorageNames.Key(jobId) != jobId)
        {
            return null;
        }

        return (await _table.GetAsync(jobId, RowKey, ct).ConfigureAwait(false))?.Value;
    }

    /// <summary>The job's status with its ETag, so that the next update needs no read.</summary>
    internal Task<Document<JobStatus>?> GetDocumentAsync(string jobId, CancellationToken ct) => _table.GetAsync(jobId, RowKey, ct);

    /// <summary>Writes the Queued record of a new job.</summary>
    internal Task CreateAsync(string jobId, string jobType, CancellationToken ct)
    {
        var now = _storage.TimeProvider.GetUtcNow();
        return _table.UpsertAsync(jobId, RowKey, new JobStatus(jobId, jobType, JobState.Queued, 0, null, null, now, now, null, null, 0), ct);
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
        for (var attempt = 1; ; attempt++)
        {
            var now = (clock ?? _storage.TimeProvider).GetUtcNow();
            var current = attempt == 1 && known is not null ? known : await _table.GetAsync(jobId, RowKey, ct).ConfigureAwait(false);
            var before = current?.Value ?? new JobStatus(jobId, jobType, JobState.Queued, 0, null, null, now, now, null, null, 0);
            var after = change(before);
            if (after is null)
            {
                return current;
            }

            after = after with { UpdatedAt = now };
            var etag = current is null
                ? await _table.InsertAsync(jobId, RowKey, after, ct).ConfigureAwait(false)
                : await _table.ReplaceAsync(jobId, RowKey, after, current.ETag, ct).ConfigureAwait(false);
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
}
