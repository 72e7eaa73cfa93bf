using BackgroundRoles.Jobs.Pipeline.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>
/// Reads the job's status record (when the processor keeps them; later status changes start from it). A job already
/// final is a second delivery (a worker died before its delete, or a submit was sent twice): its message is deleted.
/// </summary>
internal sealed class DuplicateStep(StepServices services) : IMessageStep
{
    public async Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Envelope is not { } envelope || services.Statuses.Store is not { } statuses)
        {
            return;
        }

        message.StatusDocument = await statuses.GetDocumentAsync(envelope.JobId, cancellationToken).ConfigureAwait(false);
        if (message.StatusDocument?.Value is { IsFinal: true } final)
        {
            PipelineLog.DuplicateDeleted(services.Logger, envelope.JobId, message.QueueName, final.State);
            message.Outcome = MessageOutcome.Deleted();
        }
    }
}
