using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs;

/// <summary>Cancelling a job that has not started.</summary>
public sealed partial class JobClient
{
    /// <summary>
    /// Cancels a job that waits: <see cref="JobState.Scheduled"/>, or <see cref="JobState.Queued"/> (also after a
    /// failed attempt), when it was submitted cancellable (<see cref="SubmitOptions.Cancellable"/>, or with a due
    /// time). Its record becomes <see cref="JobState.Cancelled"/> by an ETag-guarded replace, the same record a
    /// processor claims before it starts the handler, so exactly one of the two wins: a cancelled job's handler never
    /// runs, and a message of it already on the queue is deleted when a processor takes it. A job still waiting in the
    /// due-jobs table loses its row too. Cancelling a Cancelled job again answers Cancelled (a retried request).
    /// </summary>
    /// <returns>Cancelled, NotFound, or Refused with the reason (running, final, not cancellable).</returns>
    /// <exception cref="JobStorageException">Storage failed after retries.</exception>
    public async Task<JobCancellation> CancelAsync(string jobId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        if (StorageNames.Key(jobId) != jobId || await _storage.Statuses.GetDocumentAsync(jobId, ct).ConfigureAwait(false) is not { } current)
        {
            return new JobCancellation(JobCancellationOutcome.NotFound, null, null);
        }

        if (current.Value.State == JobState.Cancelled)
        {
            return new JobCancellation(JobCancellationOutcome.Cancelled, current.Value, null);
        }

        var cancelled = false;
        var written = await _storage.Statuses.UpdateAsync(jobId, current.Value.JobType, status =>
        {
            cancelled = status.State is JobState.Scheduled or JobState.Queued && status.Cancellable;
            return cancelled ? status with { State = JobState.Cancelled, CompletedAt = _storage.TimeProvider.GetUtcNow() } : null;
        }, ct, current).ConfigureAwait(false);
        var after = written?.Value ?? current.Value;
        if (!cancelled && after.State != JobState.Cancelled)
        {
            return new JobCancellation(JobCancellationOutcome.Refused, after, RefusalOf(after));
        }

        if (cancelled && after.DueAt is { } dueAt)
        {
            await _dueJobs.DeleteAsync(dueAt, jobId, ct).ConfigureAwait(false);
        }

        return new JobCancellation(JobCancellationOutcome.Cancelled, after, null);
    }

    private static string RefusalOf(JobStatus status) => status.State switch
    {
        JobState.Running => $"Job {status.JobId} is running (attempt {status.Attempts}); only a job that waits can be cancelled.",
        _ when status.IsFinal => $"Job {status.JobId} has ended ({status.State}); only a job that waits can be cancelled.",
        _ => $"Job {status.JobId} was submitted without Cancellable (and without a due time): a processor may be starting it, so it cannot be cancelled.",
    };
}
