using System.Globalization;
using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Pipeline.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>
/// The ordering rule: a message with an ordering key and sequence N runs only when the key's record (per queue, in
/// <see cref="JobDefaults.OrderingTable"/>) says N - 1 was the last processed. N at or below the record is stale: it
/// ends Failed without running. N above the next one waits for its predecessor: released with
/// <see cref="QueueProcessorOptions.OrderingRetryDelay"/> (doubled per dequeue), poisoned at
/// <see cref="QueueProcessorOptions.MaxDequeueCount"/>. Sequences start at 1; <see cref="OrderingRecordStep"/> moves
/// the record after a success.
/// </summary>
internal sealed class OrderingStep(StepServices services) : IMessageStep
{
    public async Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Envelope is not { OrderingKey: { } key, Sequence: { } sequence } envelope)
        {
            return;
        }

        var record = (await services.Ordering.GetAsync(message.QueueName, StorageNames.Key(key), cancellationToken).ConfigureAwait(false))?.Value;
        var last = record?.LastSequence ?? 0;
        if (record is not null && sequence == record.LastSequence && record.LastJobId == envelope.JobId)
        {
            // This job advanced the record and then died before its status and delete: finish it, do not rerun it.
            message.Outcome = MessageOutcome.Succeeded(JobResult.Success);
        }
        else if (sequence <= last)
        {
            PipelineLog.StaleSkipped(services.Logger, envelope.JobId, key, sequence);
            message.Outcome = MessageOutcome.Failed(string.Create(CultureInfo.InvariantCulture, $"stale: sequence {sequence} already processed"));
        }
        else if (sequence != last + 1)
        {
            message.Outcome = Wait(message, envelope, key, sequence, last + 1);
        }
    }

    private MessageOutcome Wait(MessageContext message, JobEnvelope envelope, string key, long sequence, long expected)
    {
        if (message.DequeueCount >= services.Options.MaxDequeueCount)
        {
            return MessageOutcome.Poisoned(PoisonReason.OutOfOrder, new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"out of order: sequence {sequence} of ordering key '{key}' waited {message.DequeueCount} times for sequence {expected}, which never came")));
        }

        var delay = services.Options.OrderingDelayFor(message.DequeueCount);
        PipelineLog.WaitingForPredecessor(services.Logger, envelope.JobId, key, sequence, expected, delay);
        return MessageOutcome.Released(delay, string.Create(CultureInfo.InvariantCulture, $"out of order: waiting for sequence {expected} of ordering key '{key}'"));
    }
}
