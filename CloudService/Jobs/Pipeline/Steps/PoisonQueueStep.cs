using System.Text;
using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Pipeline.Internal;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>
/// A poisoned message into <c>&lt;queue&gt;-poison</c>: the original text (decoded; as it was on the wire when it
/// could not be decoded), the job as far as it could be read, the reason, the error, the attempts and the time. A
/// record too large for a message keeps the original in a blob of <see cref="JobDefaults.PayloadContainer"/>.
/// </summary>
internal sealed class PoisonQueueStep(StepServices services) : IMessageStep
{
    public async Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Outcome is not { Kind: MessageOutcomeKind.Poisoned, PoisonReason: { } reason, Exception: { } exception })
        {
            return;
        }

        var storage = services.Storage;
        var original = message.Text ?? message.WireText;
        var record = new PoisonRecord(original, null, message.JobId, message.JobType, reason, PoisonError.From(exception), message.DequeueCount, message.CompletedAt, message.QueueName);
        var text = JobJson.Serialize(record);
        if (Encoding.UTF8.GetByteCount(text) > JobDefaults.MaxMessageBytes)
        {
            var blobName = $"poison/{message.QueueName}/{message.MessageId}.txt";
            using (var content = new MemoryStream(Encoding.UTF8.GetBytes(original)))
            {
                await storage.Blobs.UploadAsync(JobDefaults.PayloadContainer, blobName, content, "text/plain", cancellationToken).ConfigureAwait(false);
            }

            text = JobJson.Serialize(record with { Original = null, OriginalBlob = blobName, JobId = Shorten(record.JobId), JobType = Shorten(record.JobType) });
        }

        await storage.EnsureQueueAsync(message.QueueName, cancellationToken).ConfigureAwait(false);
        var poisonQueue = StorageNames.PoisonQueue(message.QueueName);
        await storage.Resilience.ExecuteAsync("add message to " + poisonQueue, token =>
            storage.Queue(poisonQueue).AddMessageAsync(new CloudQueueMessage(text), null, null, null, null, token), cancellationToken).ConfigureAwait(false);

        // A job id or type read from a bad message may be the very thing that made the record too large.
        static string? Shorten(string? text) => text is null ? null : StorageNames.Printable(text);
    }
}
