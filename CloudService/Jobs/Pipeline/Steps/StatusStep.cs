using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Pipeline.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>
/// The job's status record after the outcome: Succeeded (written whole and batched when the submit's creation time or
/// the record is known, else read and replaced) or Failed (a write that fails fails the completion, so the
/// message comes back and the next delivery writes it); Poisoned, or Queued again with the reason (best effort: a
/// record that cannot be written must not keep the message from being poisoned or released, or it would come back
/// for ever).
/// </summary>
internal sealed class StatusStep(StepServices services) : IMessageStep
{
    public Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Envelope is not { } envelope || message.Outcome is not { } outcome)
        {
            return Task.CompletedTask;
        }

        var now = message.CompletedAt;
        var statuses = services.Statuses;
        switch (outcome.Kind)
        {
            case MessageOutcomeKind.Succeeded:
                if (statuses.Store is not null && message.StartedAt is { } startedAt && (message.Status?.CreatedAt ?? envelope.CreatedAt) is { } createdAt)
                {
                    // Everything the final record holds is known here: it is written whole, batched, without a read.
                    // The failed attempts before this one are in the record a redelivery read (the duplicate step).
                    var record = new JobStatus(envelope.JobId, envelope.JobType, JobState.Succeeded, 100, outcome.Result!.ResultReference, null,
                        createdAt, now, startedAt, now, Math.Max(message.Status?.Attempts ?? 0, message.DequeueCount),
                        message.Status?.DueAt ?? envelope.DueAt, message.Status?.Cancellable ?? envelope.Claim == true)
                    {
                        FailedAttempts = message.Status?.FailedAttempts,
                        // Written without a read: the queue the message came from is the job's queue.
                        Queue = message.Status?.Queue ?? message.QueueName,
                    };
                    return statuses.CompleteAsync(message, record, cancellationToken);
                }

                return statuses.UpdateAsync(message, envelope, status => status with
                {
                    State = JobState.Succeeded,
                    Progress = 100,
                    ResultReference = outcome.Result!.ResultReference,
                    Error = null,
                    CompletedAt = now,
                    // A requeued message (no createdAt) comes this way after its record was set back to 0 attempts.
                    StartedAt = message.StartedAt ?? status.StartedAt,
                    Attempts = Math.Max(status.Attempts, message.DequeueCount),
                }, cancellationToken);

            case MessageOutcomeKind.Failed:
                return statuses.UpdateAsync(message, envelope, status => status with
                {
                    State = JobState.Failed,
                    Error = outcome.Error,
                    CompletedAt = now,
                    StartedAt = message.StartedAt ?? status.StartedAt,
                    Attempts = Math.Max(status.Attempts, message.DequeueCount),
                    FailedAttempts = AttemptHistory.Add(status.FailedAttempts, new JobAttempt(message.DequeueCount, message.StartedAt, now, JobState.Failed, outcome.Error)),
                }, cancellationToken);

            case MessageOutcomeKind.Poisoned:
                var attempt = message.DequeueCount;
                return statuses.TryUpdateAsync(message, envelope, status => status with
                {
                    State = JobState.Poisoned,
                    Error = outcome.Error,
                    CompletedAt = now,
                    Attempts = Math.Max(status.Attempts, attempt),
                    FailedAttempts = AttemptHistory.Add(status.FailedAttempts, new JobAttempt(attempt, message.StartedAt, now, JobState.Poisoned, outcome.Error)),
                }, cancellationToken);

            case MessageOutcomeKind.Released:
                // The attempt is recorded here too: a quick attempt wrote no Running record. A Scheduled job released
                // before its claim (taken before its due time) stays Scheduled.
                return statuses.TryUpdateAsync(message, envelope, status => status.IsFinal || status.State == JobState.Scheduled ? null : status with
                {
                    State = JobState.Queued,
                    Error = outcome.Error,
                    StartedAt = message.StartedAt ?? status.StartedAt,
                    Attempts = Math.Max(status.Attempts, message.DequeueCount),
                    FailedAttempts = AttemptHistory.Add(status.FailedAttempts, new JobAttempt(message.DequeueCount, message.StartedAt, now, JobState.Queued, outcome.Error)),
                }, cancellationToken);

            default:
                return Task.CompletedTask;
        }
    }
}
