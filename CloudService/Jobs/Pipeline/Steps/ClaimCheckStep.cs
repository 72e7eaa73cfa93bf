using System.Text;
using BackgroundRoles.Jobs.Pipeline.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>The payload: inline, or downloaded from its claim-check blob; a blob that does not exist poisons the job.</summary>
internal sealed class ClaimCheckStep(StepServices services) : IMessageStep
{
    public async Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Envelope is not { } envelope)
        {
            return;
        }

        if (envelope.PayloadBlob is not { } blobName)
        {
            message.Payload = envelope.Payload;
            return;
        }

        var blob = await services.Storage.Blobs.DownloadAsync(JobDefaults.PayloadContainer, blobName, cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            message.Outcome = MessageOutcome.Poisoned(PoisonReason.MissingPayload, new InvalidDataException($"The payload blob '{blobName}' of job {envelope.JobId} does not exist."));
            return;
        }

        message.Payload = Encoding.UTF8.GetString(blob.Content);
    }
}
