using System.Globalization;
using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs;

/// <summary>The ordering rule (see the class summary): run the next sequence, drop stale ones, hold back early ones.</summary>
public sealed partial class QueueProcessor
{
    /// <summary>True when the job may run now; otherwise the message has been dealt with.</summary>
    private async Task<bool> PassesOrderingAsync(InFlightJob job, JobEnvelope envelope)
    {
        if (envelope.OrderingKey is not { } key || envelope.Sequence is not { } sequence)
        {
            return true;
        }

        var lease = job.Lease;
        var record = (await _ordering.GetAsync(lease.QueueName, StorageNames.Key(key), job.Token).ConfigureAwait(false))?.Value;
        var last = record?.LastSequence ?? 0;
        var decision = Decide(sequence, record);
        switch (decision)
        {
            case OrderingDecision.Run:
                return true;

            case OrderingDecision.AlreadyDone:
                // This job advanced the record and then died before its status and delete: finish it, do not rerun it.
                await SucceedAsync(job, envelope, JobResult.Success).ConfigureAwait(false);
                return false;

            case OrderingDecision.Stale:
                await FailStaleAsync(job, envelope, sequence).ConfigureAwait(false);
                return false;

            default:
                var expected = last + 1;
                if (lease.DequeueCount >= _options.MaxDequeueCount)
                {
                    await PoisonAsync(job, envelope, PoisonReason.OutOfOrder, new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"out of order: sequence {sequence} of ordering key '{key}' waited {lease.DequeueCount} times for sequence {expected}, which never came"))).ConfigureAwait(false);
                    return false;
                }

                var delay = _options.OrderingDelayFor(lease.DequeueCount);
                Log.WaitingForPredecessor(_logger, envelope.JobId, key, sequence, expected, delay);
                await ReleaseAsync(job, envelope, delay, string.Create(CultureInfo.InvariantCulture, $"out of order: waiting for sequence {expected} of ordering key '{key}'")).ConfigureAwait(false);
                return false;
        }

        OrderingDecision Decide(long sequence, OrderingRecord? record)
        {
            if (record is not null && sequence == record.LastSequence && record.LastJobId == envelope.JobId)
            {
                return OrderingDecision.AlreadyDone;
            }

            return sequence <= last ? OrderingDecision.Stale : sequence == last + 1 ? OrderingDecision.Run : OrderingDecision.Wait;
        }
    }

    /// <summary>Status Failed ("stale: sequence N already processed"), reply, delete; the handler never runs.</summary>
    private async Task FailStaleAsync(InFlightJob job, JobEnvelope envelope, long sequence)
    {
        await EndFailedAsync(job, envelope, string.Create(CultureInfo.InvariantCulture, $"stale: sequence {sequence} already processed")).ConfigureAwait(false);
        Log.StaleSkipped(_logger, envelope.JobId, envelope.OrderingKey, sequence);
    }

    /// <summary>Moves the key's record from sequence - 1 to sequence, ETag-guarded; a record already at or past it stays.</summary>
    private async Task AdvanceOrderingAsync(string queueName, JobEnvelope envelope, CancellationToken ct)
    {
        var key = StorageNames.Key(envelope.OrderingKey!);
        var sequence = envelope.Sequence!.Value;
        while (true)
        {
            var current = await _ordering.GetAsync(queueName, key, ct).ConfigureAwait(false);
            if (current is not null && current.Value.LastSequence >= sequence)
            {
                return;
            }

            var next = new OrderingRecord(sequence, envelope.JobId, TimeProvider.GetUtcNow());
            var written = current is null
                ? await _ordering.TryInsertAsync(queueName, key, next, ct).ConfigureAwait(false)
                : await _ordering.TryReplaceAsync(queueName, key, next, current.ETag, ct).ConfigureAwait(false);
            if (written)
            {
                return;
            }
        }
    }
}
