using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Scheduling.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Jobs.Scheduling;

/// <summary>
/// Sends the jobs waiting in <see cref="JobDefaults.DueJobsTable"/> (due further ahead than a queue message can wait)
/// to their queues once they are due within <see cref="JobDefaults.DueJobsLookAhead"/>, each hidden until its due time,
/// so a job starts on time however seldom the mover runs (at least daily). A role runs it as a scheduled job on one
/// instance per tick (<see cref="Composition.DueJobRegistration.AddDueJobMover"/>). Each job's message is sent, then its
/// row deleted: a crash in between sends it twice, and the processor's claim drops the second copy. A job cancelled
/// while it waited loses its row without a message. Runs on the storage's clock.
/// </summary>
public sealed class DueJobMover
{
    private readonly JobStorage _storage;
    private readonly DueJobStore _dueJobs;
    private readonly ILogger _logger;

    /// <summary>A mover over <paramref name="storage"/>'s due-jobs table.</summary>
    public DueJobMover(JobStorage storage, ILogger<DueJobMover>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _dueJobs = new DueJobStore(storage);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>One tick of the scheduled job: <see cref="MoveDueAsync"/>.</summary>
    public Task RunAsync(ScheduledRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        return MoveDueAsync(ct);
    }

    /// <summary>
    /// Sends every waiting job due within <see cref="JobDefaults.DueJobsLookAhead"/> of now (on the storage's clock)
    /// to its queue, hidden until its due time; drops the rows of jobs cancelled meanwhile.
    /// </summary>
    /// <returns>How many jobs were sent.</returns>
    /// <exception cref="JobStorageException">Storage failed after retries (what was sent stays sent).</exception>
    public async Task<int> MoveDueAsync(CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            var now = _storage.TimeProvider.GetUtcNow();
            var due = await _dueJobs.ListDueAsync(now + JobDefaults.DueJobsLookAhead, JobDefaults.DueJobsBatchSize, ct).ConfigureAwait(false);
            foreach (var job in due)
            {
                var status = await _storage.Statuses.GetAsync(job.JobId, ct).ConfigureAwait(false);
                if (status is { IsFinal: true })
                {
                    ScheduleLog.DueJobDropped(_logger, job.JobId, job.Queue, status.State);
                }
                else
                {
                    await _dueJobs.SendAsync(job.Queue, job.Message, job.DueAt - _storage.TimeProvider.GetUtcNow(), ct).ConfigureAwait(false);
                    sent++;
                }

                await _dueJobs.DeleteAsync(job.DueAt, job.JobId, ct).ConfigureAwait(false);
            }

            if (due.Count < JobDefaults.DueJobsBatchSize)
            {
                break;
            }
        }

        if (sent > 0)
        {
            ScheduleLog.DueJobsMoved(_logger, sent);
        }

        return sent;
    }
}
