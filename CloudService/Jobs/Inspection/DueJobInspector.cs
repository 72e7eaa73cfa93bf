using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs.Inspection;

/// <summary>
/// The jobs that wait in <see cref="JobDefaults.DueJobsTable"/>: those submitted due further ahead than a queue message
/// can stay hidden (<see cref="JobDefaults.MaxVisibilityDelay"/>), until the due-jobs mover sends them
/// (<see cref="JobDefaults.DueJobsLookAhead"/> before due). Every other job with a due time waits as a hidden message
/// in its queue. Every call goes through the account's <see cref="JobStorage"/> (its retries, <see cref="JobStorageException"/>).
/// </summary>
public sealed class DueJobInspector
{
    private readonly DueJobStore _store;

    /// <summary>Reads the due jobs of <paramref name="storage"/>'s account.</summary>
    public DueJobInspector(JobStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _store = new DueJobStore(storage);
    }

    /// <summary>The first <paramref name="max"/> waiting jobs, the earliest due first (one range query in due order).</summary>
    /// <param name="max">1 to <see cref="JobDefaults.MaxListedDueRows"/>.</param>
    /// <param name="ct">Stops the read.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is outside 1 to <see cref="JobDefaults.MaxListedDueRows"/>.</exception>
    public async Task<DueJobRows> ListAsync(int max, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, JobDefaults.MaxListedDueRows);

        // One row more than asked tells whether there are more.
        var records = await _store.ListDueAsync(DateTimeOffset.MaxValue, max + 1, ct).ConfigureAwait(false);
        return new DueJobRows([.. records.Take(max).Select(record => new DueJobRow(record.JobId, record.Queue, record.DueAt))], records.Count <= max);
    }
}
