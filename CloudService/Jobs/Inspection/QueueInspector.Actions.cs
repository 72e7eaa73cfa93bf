using System.Text;
using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Jobs.Inspection;

/// <summary>Requeue and delete: the storage service changes a message only with the receipt of taking it, so each first takes it.</summary>
public sealed partial class QueueInspector
{
    /// <summary>
    /// Sends a poison message's original job back to its source queue as a new message (its dequeue count starts again
    /// at 0), sets the job's status back to Queued (a final status would make the processor drop it as a duplicate),
    /// then deletes the poison message. False when the message is not (or no longer) in the queue.
    /// </summary>
    /// <exception cref="ArgumentException">Not a queue name.</exception>
    /// <exception cref="InvalidDataException">The message is not a poison record (nothing is changed).</exception>
    public async Task<bool> RequeueAsync(string poisonQueueName, string messageId, CancellationToken ct)
    {
        ValidateName(poisonQueueName);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return await WithMessageAsync(poisonQueueName, messageId, message => RequeueTakenAsync(poisonQueueName, message, ct), ct).ConfigureAwait(false);
    }

    /// <summary>Requeues every message of a poison queue (<see cref="RequeueAsync"/>) that is a poison record; returns how many.</summary>
    public async Task<int> RequeueAllAsync(string poisonQueueName, CancellationToken ct)
    {
        ValidateName(poisonQueueName);
        var requeued = 0;
        var skipped = new List<CloudQueueMessage>();
        try
        {
            while (requeued + skipped.Count < JobDefaults.MaxInspectedMessages)
            {
                var batch = (await TakeAsync(poisonQueueName, ct).ConfigureAwait(false)).ToList();
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var message in batch)
                {
                    try
                    {
                        await RequeueTakenAsync(poisonQueueName, message, ct).ConfigureAwait(false);
                        requeued++;
                    }
                    catch (InvalidDataException)
                    {
                        skipped.Add(message);
                    }
                }
            }
        }
        finally
        {
            await ReleaseAsync(poisonQueueName, skipped).ConfigureAwait(false);
        }

        return requeued;
    }

    /// <summary>Deletes one message; false when it is not (or no longer) in the queue.</summary>
    /// <exception cref="ArgumentException">Not a queue name.</exception>
    public async Task<bool> DeleteAsync(string queueName, string messageId, CancellationToken ct)
    {
        ValidateName(queueName);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return await WithMessageAsync(queueName, messageId, message => DeleteTakenAsync(queueName, message, ct), ct).ConfigureAwait(false);
    }

    /// <summary>Deletes every message of the queue.</summary>
    /// <exception cref="ArgumentException">Not a queue name.</exception>
    public Task DeleteAllAsync(string queueName, CancellationToken ct)
    {
        ValidateName(queueName);
        return _storage.Resilience.ExecuteAsync("clear " + queueName, async token =>
        {
            try
            {
                await _storage.Queue(queueName).ClearAsync(null, null, token).ConfigureAwait(false);
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 404))
            {
                // No queue, no messages.
            }
        }, ct);
    }

    private async Task RequeueTakenAsync(string poisonQueueName, CloudQueueMessage message, CancellationToken ct)
    {
        var text = Decode(message.AsString) ?? message.AsString;
        var record = ReadPoisonRecord(text)
            ?? throw new InvalidDataException($"Message {message.Id} of {poisonQueueName} is not a poison record: it has no source queue to go back to.");
        var original = record.Original;
        if (original is null && record.OriginalBlob is { } blob)
        {
            var content = await _storage.Blobs.DownloadAsync(JobDefaults.PayloadContainer, blob, ct).ConfigureAwait(false)
                ?? throw new InvalidDataException($"The original of message {message.Id} of {poisonQueueName} was in blob {blob}, which no longer exists.");
            original = Encoding.UTF8.GetString(content.Content);
        }

        if (original is null)
        {
            throw new InvalidDataException($"Message {message.Id} of {poisonQueueName} holds no original message.");
        }

        if (JobEnvelope.Decode(original).Envelope is { } envelope)
        {
            // Without the submit time the processor reads the record before writing the final one, so the failed
            // attempts kept in it survive the requeue (the new message's dequeue count starts again).
            if (envelope.CreatedAt is not null)
            {
                original = (envelope with { CreatedAt = null }).ToText();
            }

            await _storage.Statuses.UpdateAsync(envelope.JobId, envelope.JobType, status => status with
            {
                State = JobState.Queued,
                Progress = 0,
                Attempts = 0,
                StartedAt = null,
                CompletedAt = null,
                Queue = record.Queue,
            }, ct).ConfigureAwait(false);
        }

        await _storage.EnsureQueueAsync(record.Queue, ct).ConfigureAwait(false);
        await _storage.Resilience.ExecuteAsync("add message to " + record.Queue, token =>
            _storage.Queue(record.Queue).AddMessageAsync(new CloudQueueMessage(original), null, null, null, null, token), ct).ConfigureAwait(false);
        await DeleteTakenAsync(poisonQueueName, message, ct).ConfigureAwait(false);
    }

    private Task DeleteTakenAsync(string queueName, CloudQueueMessage message, CancellationToken ct) =>
        _storage.Resilience.ExecuteAsync("delete message from " + queueName, token =>
            _storage.Queue(queueName).DeleteMessageAsync(message.Id, message.PopReceipt, null, null, token), ct);

    /// <summary>
    /// Takes messages until the one with <paramref name="messageId"/> comes (at most
    /// <see cref="JobDefaults.MaxInspectedMessages"/>), acts on it, and gives the others back at once.
    /// </summary>
    private async Task<bool> WithMessageAsync(string queueName, string messageId, Func<CloudQueueMessage, Task> act, CancellationToken ct)
    {
        var others = new List<CloudQueueMessage>();
        try
        {
            while (others.Count < JobDefaults.MaxInspectedMessages)
            {
                var batch = (await TakeAsync(queueName, ct).ConfigureAwait(false)).ToList();
                if (batch.Count == 0)
                {
                    return false;
                }

                var found = batch.FirstOrDefault(m => m.Id == messageId);
                others.AddRange(batch.Where(m => m != found));
                if (found is not null)
                {
                    try
                    {
                        await act(found).ConfigureAwait(false);
                    }
                    catch (InvalidDataException)
                    {
                        others.Add(found);
                        throw;
                    }

                    return true;
                }
            }

            return false;
        }
        finally
        {
            await ReleaseAsync(queueName, others).ConfigureAwait(false);
        }
    }

    private async Task<IEnumerable<CloudQueueMessage>> TakeAsync(string queueName, CancellationToken ct)
    {
        var queue = _storage.UndecodedQueue(queueName);
        return await _storage.Resilience.ExecuteAsync("take messages from " + queueName, async token =>
        {
            try
            {
                return await queue.GetMessagesAsync(32, JobDefaults.InspectionVisibility, null, null, token).ConfigureAwait(false);
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 404))
            {
                return [];
            }
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Makes taken messages visible again at once; one that cannot be is visible again after <see cref="JobDefaults.InspectionVisibility"/> anyway.</summary>
    private async Task ReleaseAsync(string queueName, IEnumerable<CloudQueueMessage> messages)
    {
        var queue = _storage.UndecodedQueue(queueName);
        foreach (var message in messages)
        {
            try
            {
                await queue.UpdateMessageAsync(message, TimeSpan.Zero, MessageUpdateFields.Visibility, null, null, CancellationToken.None).ConfigureAwait(false);
            }
            catch (StorageException)
            {
                // Visible again when its hiding runs out.
            }
        }
    }
}
