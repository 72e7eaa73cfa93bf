using System.Text;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Jobs.Queues;

/// <summary>
/// A fetched message while this worker holds it. Every update of the message (renewal, checkpoint, release,
/// delete) goes through one lock and uses the pop receipt of the latest update, which the storage client writes
/// back into <see cref="CloudQueueMessage.PopReceipt"/>. Once finished (deleted, released, or lost to another
/// worker) nothing more is sent.
/// <para>
/// The message is fetched as it is on the wire (<see cref="WireText"/>) and decoded here (base64, then strict
/// UTF-8), so a message some other writer put on the queue undecoded is a message with a reason
/// (<see cref="DecodeError"/>), never an exception thrown by the storage client while reading it.
/// </para>
/// </summary>
internal sealed class MessageLease : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly JobStorage _storage;
    private readonly CloudQueueMessage _message;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly CancellationTokenSource _lost = new();
    private string? _text;

    /// <param name="storage">The account.</param>
    /// <param name="queueName">The queue the message came from.</param>
    /// <param name="message">The message as fetched without decoding (a queue reference with EncodeMessage off).</param>
    /// <param name="fetchedAt">When the fetch was sent.</param>
    public MessageLease(JobStorage storage, string queueName, CloudQueueMessage message, DateTimeOffset fetchedAt)
    {
        _storage = storage;
        _message = message;
        QueueName = queueName;
        FetchedAt = fetchedAt;
        WireText = _message.AsString;
        _text = Decode(WireText, out var error);
        DecodeError = error;
    }

    public string QueueName { get; }

    /// <summary>When the GetMessages call that returned the message was sent: its visibility counts from about then.</summary>
    public DateTimeOffset FetchedAt { get; }

    public string MessageId => _message.Id;

    public int DequeueCount => _message.DequeueCount;

    /// <summary>The message text as storage holds it: base64 of UTF-8 when a job client wrote it.</summary>
    public string WireText { get; }

    /// <summary>The decoded message text; null when it could not be decoded (<see cref="DecodeError"/> says why).</summary>
    public string? Text => _text;

    /// <summary>Why the message text could not be decoded, or null when it could.</summary>
    public string? DecodeError { get; }

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
                await _storage.Resilience.ExecuteAsync("delete message from " + QueueName, token =>
                    _storage.Queue(QueueName).DeleteMessageAsync(_message.Id, _message.PopReceipt, null, null, token), ct).ConfigureAwait(false);
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
                // Raw content, sent through a queue reference that base64-encodes it, as a job client writes it.
                _message.SetMessageContent(text);
                fields |= MessageUpdateFields.Content;
            }

            try
            {
                await _storage.Resilience.ExecuteAsync("update message in " + QueueName, token =>
                    _storage.Queue(QueueName).UpdateMessageAsync(_message, visibility, fields, null, null, token), ct).ConfigureAwait(false);
                if (text is not null)
                {
                    _text = text;
                }

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

    /// <summary>Base64, then strict UTF-8: the encoding every job client writes.</summary>
    private static string? Decode(string wireText, out string? error)
    {
        error = null;
        var bytes = new byte[wireText.Length];
        if (!Convert.TryFromBase64String(wireText, bytes, out var length))
        {
            error = "the message text is not base64";
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            error = "the message text is base64, but what it encodes is not UTF-8 text";
            return null;
        }
    }

    private void MarkLost()
    {
        IsFinished = true;
        _lost.Cancel();
    }
}
