using BackgroundRoles.Jobs.Pipeline.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>
/// A job with a callback URL that is final (Succeeded, Failed or Poisoned here; or already final when this delivery
/// found it so: a cancelled job, or a redelivery after a crash between the final record and the delete) gets its
/// callback row written, durable before <c>settle</c> deletes the message, and handed to the background sender with
/// the final record <c>status</c> has just written or read. A write that fails fails the completion, so the message
/// comes back and the next delivery writes the row. The step does not wait for the receiver.
/// </summary>
internal sealed class CallbackStep(StepServices services) : IMessageStep
{
    public Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Envelope is not { CallbackUrl: { } url } envelope || message.Outcome is not { } outcome)
        {
            return Task.CompletedTask;
        }

        // A job found final whose callback already ended (recorded in its status) is not called back again.
        var final = outcome.Kind is MessageOutcomeKind.Succeeded or MessageOutcomeKind.Failed or MessageOutcomeKind.Poisoned
            || (outcome.Kind == MessageOutcomeKind.Deleted && message.Status is { IsFinal: true, Callback: null });
        return final
            ? services.Callbacks.AcceptAsync(message.QueueName, envelope.JobId, envelope.JobType, url, message.StatusDocument, message.TimeProvider, cancellationToken)
            : Task.CompletedTask;
    }
}
