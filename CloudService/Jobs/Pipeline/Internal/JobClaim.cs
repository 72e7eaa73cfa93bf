using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Internal;

/// <summary>
/// The claim of a cancellable job before its handler starts: its status record goes to Running by an ETag-guarded
/// replace, the record <see cref="JobClient.CancelAsync"/> replaces the same way, so a cancel and a start never both
/// win. The message is deleted, without running the handler, for a job found Cancelled (or otherwise final), and for
/// a first delivery of a job some processor already claimed: a second copy of its message (a due-jobs mover or a
/// submit that sent it twice after a crash). A redelivery of a Running job (its worker died) is claimed again.
/// A message taken before its job's due time (its hidden wait is whole seconds rounded down) is held until then when
/// that is within <see cref="JobDefaults.MaxEarlyHold"/>, else released until then; the claim follows the wait, so a
/// cancel during it still wins.
/// </summary>
internal static class JobClaim
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    public static async Task ClaimAsync(StepServices services, MessageContext message, JobEnvelope envelope, CancellationToken ct)
    {
        if (envelope.DueAt is { } dueAt && dueAt - message.TimeProvider.GetUtcNow() is var early && early > TimeSpan.Zero)
        {
            if (early > JobDefaults.MaxEarlyHold)
            {
                message.Outcome = MessageOutcome.Released(TimeSpan.FromSeconds(Math.Ceiling(early.TotalSeconds)), $"Job {envelope.JobId} is due at {dueAt:O}; taken {early} early");
                return;
            }

            // A timer counts whole milliseconds of a monotonic clock, so its wait may end a millisecond or two before
            // the due time on the clock the due time is read on: wait again until that clock has passed it.
            for (var left = early; left > TimeSpan.Zero; left = dueAt - message.TimeProvider.GetUtcNow())
            {
                await Task.Delay(left < MinimumWait ? MinimumWait : left, message.TimeProvider, ct).ConfigureAwait(false);
            }
        }

        var attempt = message.DequeueCount;
        var startedAt = message.TimeProvider.GetUtcNow();
        var claimed = false;
        await services.Statuses.UpdateAsync(message, envelope, status =>
        {
            claimed = !status.IsFinal && (status.State != JobState.Running || attempt > 1);
            return claimed ? status with { State = JobState.Running, StartedAt = startedAt, Attempts = Math.Max(status.Attempts, attempt) } : null;
        }, ct).ConfigureAwait(false);
        if (claimed)
        {
            return;
        }

        var state = message.Status?.State ?? JobState.Queued;
        if (state == JobState.Cancelled)
        {
            PipelineLog.CancelledDropped(services.Logger, envelope.JobId, message.QueueName);
        }
        else
        {
            PipelineLog.DuplicateDeleted(services.Logger, envelope.JobId, message.QueueName, state);
        }

        message.Outcome = MessageOutcome.Deleted();
    }
}
