using BackgroundRoles.Jobs.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Pipeline.Internal;

/// <summary>Changes a job's status record, when the processor keeps them, from the record it last read or wrote.</summary>
internal sealed class StatusWriter(JobStatusStore? statuses, ILogger logger)
{
    /// <summary>The store, or null when the processor keeps no status records.</summary>
    public JobStatusStore? Store => statuses;

    public async Task UpdateAsync(MessageContext message, JobEnvelope envelope, Func<JobStatus, JobStatus?> change, CancellationToken ct)
    {
        if (statuses is not null)
        {
            // A record from before the queue was kept (or none at all) learns it from the queue the message came from.
            JobStatus? Named(JobStatus status) => change(status) is { } after ? after with { Queue = after.Queue ?? message.QueueName } : null;
            message.StatusDocument = await statuses.UpdateAsync(envelope.JobId, envelope.JobType, Named, ct, message.StatusDocument, message.TimeProvider).ConfigureAwait(false) ?? message.StatusDocument;
        }
    }

    /// <summary>Writes the job's final record whole, batched, without reading it; returns once it is durable.</summary>
    public async Task CompleteAsync(MessageContext message, JobStatus record, CancellationToken ct)
    {
        if (statuses is not null)
        {
            message.StatusDocument = await statuses.CompleteAsync(record, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The status change on the way to a release or the poison queue: a record that cannot be written (storage,
    /// or a record some other writer left unreadable) must not keep the message from being released or poisoned,
    /// or the message would come back for ever. Logged, not thrown.
    /// </summary>
    public async Task TryUpdateAsync(MessageContext message, JobEnvelope envelope, Func<JobStatus, JobStatus?> change, CancellationToken ct)
    {
        try
        {
            await UpdateAsync(message, envelope, change, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception) && !ct.IsCancellationRequested)
        {
            PipelineLog.StatusNotUpdated(logger, envelope.JobId, message.QueueName, exception);
        }
    }
}
