using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Jobs.Internal;

/// <summary>
/// A fetched message while this worker holds it. Every update of the message (renewal, checkpoint, release,
/// delete) goes through one lock and uses the pop receipt of the latest update, which the storage client writes
/// back into <see cref="CloudQueueMessage.PopReceipt"/>. Once finished (deleted, released, or lost to another
/// worker) nothing more is sent.
/// </summary>
internal sealed class MessageLease(JobStorage storage, string queueName, CloudQueueMessage message, DateTimeOffset fetchedAt) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly CancellationTokenSource _lost = new();

    public string QueueName { get; } = queueName;

    /// <summary>When the GetMessages call that returned the message was sent: its visibility counts from about then.</summary>
    public DateTimeOffset FetchedAt { get; } = fetchedAt;

    public string MessageId => message.Id;

    public int DequeueCount => message.DequeueCount;

    public string Text => message.AsString;

    /// <summary>True once the message was deleted or released, or the lease was lost.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>True when another worker took the message: the pop receipt no longer matches.</summary>
    public bool IsLost => _lost.IsCancellationRequested;

    /// <summary>Cancelled when the lease is lost.</summary>
    public CancellationToken LostToken => _lost.Token;

    /// <summary>Keeps the message invisible for <paramref name="visibility"/> more; false when finished or lost.</summary>
    public Task<bool> RenewAsync(TimeSpan visibility, CancellationToken ct) => UpdateAsync(null, visibility, finish: false, ct);

    /// <summary>Rewrites the message text and its visibility; false when finished or lost.</summary>
    public Task<bool> UpdateContentAsync(string text, TimeSpan visibility, CancellationToken ct) => UpdateAsync(text, visibility, finish: false, ct);

    /// <summary>Makes the message visible again after <paramref name="delay"/> and lets go of it; false when already finished.</summary>
    public Task<bool> ReleaseAsync(TimeSpan delay, CancellationToken ct) => UpdateAsync(null, delay, finish: true, ct);

    /// <summary>Deletes the message; false when already finished or lost.</summary>
    public async Task<bool> DeleteAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (IsFinished)
            {
                return false;
            }

            IsFinished = true;
            try
            {
                await storage.Resilience.ExecuteAsync("delete message from " + QueueName, token =>
                    storage.Queue(QueueName).DeleteMessageAsync(message.Id, message.PopReceipt, null, null, token), ct).ConfigureAwait(false);
                return true;
            }
            catch (JobStorageException exception) when (exception.HttpStatusCode is 404)
            {
                MarkLost();
                return false;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        _lost.Dispose();
    }

    private async Task<bool> UpdateAsync(string? text, TimeSpan visibility, bool finish, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (IsFinished)
            {
                return false;
            }

            IsFinished = finish;
            var fields = MessageUpdateFields.Visibility;
            if (text is not null)
            {
                message.SetMessageContent(text);
                fields |= MessageUpdateFields.Content;
            }

            try
            {
                await storage.Resilience.ExecuteAsync("update message in " + QueueName, token =>
                    storage.Queue(QueueName).UpdateMessageAsync(message, visibility, fields, null, null, token), ct).ConfigureAwait(false);
                return true;
            }
            catch (JobStorageException exception) when (exception.HttpStatusCode is 404)
            {
                MarkLost();
                return false;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private void MarkLost()
    {
        IsFinished = true;
        _lost.Cancel();
    }
}
