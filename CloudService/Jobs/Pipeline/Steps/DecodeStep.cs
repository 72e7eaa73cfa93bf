using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Pipeline.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>
/// The message text (base64, then strict UTF-8, decoded by the lease) checked as a job message (a job id that can be
/// a table key, a job type, a payload inline or in a blob) and its job type's handler found. A message that can never
/// succeed is poisoned at once with its <see cref="PoisonReason"/>.
/// </summary>
internal sealed class DecodeStep(StepServices services) : IMessageStep
{
    public Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Text is not { } text)
        {
            message.Outcome = MessageOutcome.Poisoned(PoisonReason.Undecodable, new InvalidDataException($"The message is not a job message: {message.Lease.DecodeError}."));
            return Task.CompletedTask;
        }

        var decoding = JobEnvelope.Decode(text);
        if (decoding.Envelope is not { } envelope)
        {
            message.Unusable = decoding;
            message.Outcome = MessageOutcome.Poisoned(decoding.Reason!.Value, new InvalidDataException(decoding.Error));
            return Task.CompletedTask;
        }

        message.Envelope = envelope;
        if (!services.Handlers.TryGetValue(envelope.JobType, out var handler))
        {
            message.Outcome = MessageOutcome.Poisoned(PoisonReason.UnknownJobType, new InvalidOperationException($"No handler for job type '{StorageNames.Printable(envelope.JobType)}'."));
            return Task.CompletedTask;
        }

        message.Handler = handler;
        return Task.CompletedTask;
    }
}
