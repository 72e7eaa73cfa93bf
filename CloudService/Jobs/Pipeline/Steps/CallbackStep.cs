using BackgroundRoles.Jobs.Pipeline.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>
/// Hands a job with a callback URL to the background webhook sender when it is final: Succeeded, Failed or Poisoned
/// here, or Cancelled as the claim found it. Runs after <c>status</c>, so the record the sender reads is durable,
/// and returns at once, so the message's delete does not wait for the receiver.
/// </summary>
internal sealed class CallbackStep(StepServices services) : IMessageStep
{
    public Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Envelope is not { CallbackUrl: { } url } envelope || message.Outcome is not { } outcome)
        {
            return Task.CompletedTask;
        }

        var final = outcome.Kind is MessageOutcomeKind.Succeeded or MessageOutcomeKind.Failed or MessageOutcomeKind.Poisoned
            || (outcome.Kind == MessageOutcomeKind.Deleted && message.Status is { State: JobState.Cancelled, Callback: null });
        if (final)
        {
            services.Callbacks.Send(envelope.JobId, envelope.JobType, url, message.TimeProvider);
        }

        return Task.CompletedTask;
    }
}
