using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Pipeline.Internal;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>A <see cref="JobReply"/> of a Succeeded, Failed or Poisoned job to its reply queue, if it has one. A failed reply is logged, not retried by the job.</summary>
internal sealed class ReplyStep(StepServices services) : IMessageStep
{
    public async Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Envelope is not { ReplyTo: { } replyTo } envelope || message.Outcome is not { } outcome)
        {
            return;
        }

        var state = outcome.Kind switch
        {
            MessageOutcomeKind.Succeeded => JobState.Succeeded,
            MessageOutcomeKind.Failed => JobState.Failed,
            MessageOutcomeKind.Poisoned => JobState.Poisoned,
            _ => (JobState?)null,
        };
        if (state is null)
        {
            return;
        }

        var reply = new JobReply(envelope.JobId, envelope.JobType, envelope.CorrelationId, state.Value, outcome.Result?.ResultReference, state == JobState.Succeeded ? null : outcome.Error, message.TimeProvider.GetUtcNow());
        var storage = services.Storage;
        try
        {
            await storage.EnsureQueueAsync(replyTo, cancellationToken).ConfigureAwait(false);
            await storage.Resilience.ExecuteAsync("add reply to " + replyTo, token =>
                storage.Queue(replyTo).AddMessageAsync(new CloudQueueMessage(JobJson.Serialize(reply)), null, null, null, null, token), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is JobStorageException or ArgumentException)
        {
            PipelineLog.ReplyFailed(services.Logger, envelope.JobId, replyTo, exception);
        }
    }
}
