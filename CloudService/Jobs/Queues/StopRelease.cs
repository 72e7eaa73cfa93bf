using System.Globalization;
using BackgroundRoles.Jobs.Pipeline.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Queues;

/// <summary>
/// Hands an unfinished message back on stop: status Queued with the attempt recorded, then visibility 0, under a
/// release token of its own (<see cref="QueueProcessorOptions.ReleaseTimeout"/>), never the processing token, which a
/// stop has cancelled.
/// </summary>
internal sealed class StopRelease(TimeSpan releaseTimeout, StatusWriter statuses, ILogger logger)
{
    /// <summary>
    /// The handler stopped because its token was cancelled: the lease was lost (nothing to do, another worker has
    /// the message), or the drain timeout passed (release at once for another instance).
    /// </summary>
    public Task HandleCancellationAsync(InFlightJob job, TimeProvider timeProvider)
    {
        if (job.Lease.IsLost)
        {
            ListenerLog.LeaseLost(logger, job.Lease.MessageId, job.Lease.QueueName);
            return Task.CompletedTask;
        }

        return ReleaseAsync(job, timeProvider);
    }

    /// <summary>
    /// Sets the status back to Queued with the attempt recorded, then makes the message visible at once; does
    /// nothing when already finished. The status goes first, while this worker still holds the message, so it can
    /// never overwrite the Running of the next worker to take it. A failure is logged, not thrown: the message then
    /// comes back when its visibility ends.
    /// </summary>
    public async Task ReleaseAsync(InFlightJob job, TimeProvider timeProvider)
    {
        var lease = job.Lease;
        try
        {
            using var release = new CancellationTokenSource(releaseTimeout, timeProvider);
            if (lease.IsFinished)
            {
                return;
            }

            if (job.Message.Envelope is { } envelope)
            {
                var attempt = lease.DequeueCount;
                await statuses.TryUpdateAsync(job.Message, envelope, status => status.IsFinal ? null : status with
                {
                    State = JobState.Queued,
                    Attempts = Math.Max(status.Attempts, attempt),
                    Error = string.Create(CultureInfo.InvariantCulture, $"released: the worker stopped before attempt {attempt} finished"),
                }, release.Token).ConfigureAwait(false);
            }

            if (await lease.ReleaseAsync(TimeSpan.Zero, release.Token).ConfigureAwait(false))
            {
                ListenerLog.ReleasedOnStop(logger, lease.MessageId, lease.QueueName);
            }
        }
        catch (ObjectDisposedException)
        {
            // The handler finished and cleaned up in the meantime: nothing left to release.
        }
        catch (Exception exception) when (exception is JobStorageException or OperationCanceledException)
        {
            ListenerLog.ReleaseFailed(logger, lease.MessageId, lease.QueueName, exception);
        }
    }
}
