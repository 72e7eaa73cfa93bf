using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Pipeline.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>
/// After a success of an ordered job, moves its key's record from sequence - 1 to its sequence, ETag-guarded; a
/// record already at or past it stays. Runs before the status, so a crash in between leaves a job the next delivery
/// finishes without running it again.
/// </summary>
internal sealed class OrderingRecordStep(StepServices services) : IMessageStep
{
    public async Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Outcome?.Kind != MessageOutcomeKind.Succeeded || message.Envelope is not { OrderingKey: { } orderingKey, Sequence: { } sequence } envelope)
        {
            return;
        }

        var key = StorageNames.Key(orderingKey);
        while (true)
        {
            var current = await services.Ordering.GetAsync(message.QueueName, key, cancellationToken).ConfigureAwait(false);
            if (current is not null && current.Value.LastSequence >= sequence)
            {
                return;
            }

            var next = new OrderingRecord(sequence, envelope.JobId, message.TimeProvider.GetUtcNow());
            var written = current is null
                ? await services.Ordering.TryInsertAsync(message.QueueName, key, next, cancellationToken).ConfigureAwait(false)
                : await services.Ordering.TryReplaceAsync(message.QueueName, key, next, current.ETag, cancellationToken).ConfigureAwait(false);
            if (written)
            {
                return;
            }
        }
    }
}
