using BackgroundRoles.Jobs.Pipeline.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>
/// On a redelivery (dequeue count above 1), reads the job's status record (when the processor keeps them; later status
/// changes start from it): a job already final is a message whose worker died between the final record and the
/// delete, and its message is deleted. A first delivery is not read: its job cannot be final yet, but for a submit
/// whose message went out twice, which runs the handler again (side effects in <see cref="JobContext.RunOnceAsync"/>
/// still run once). That read was a third of the status records' cost.
/// A job that may be cancelled (its message asks for a claim: <see cref="SubmitOptions.Cancellable"/> or a due time) is
/// claimed at every delivery instead (<see cref="JobClaim"/>).
/// </summary>
internal sealed class DuplicateStep(StepServices services) : IMessageStep
{
    public async Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Envelope is not { } envelope || services.Statuses.Store is not { } statuses)
        {
            return;
        }

        if (envelope.Claim == true)
        {
            await JobClaim.ClaimAsync(services, message, envelope, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.DequeueCount <= 1)
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
