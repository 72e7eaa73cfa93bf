using System.Text;
using System.Text.RegularExpressions;
using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Queue.Protocol;

namespace BackgroundRoles.Jobs.Inspection;

/// <summary>
/// What an operator does with the queues of an account (the dashboard): lists them with their depth, looks at
/// messages without taking them, requeues poison messages to their source queue, deletes messages. Every call goes
/// through the account's <see cref="JobStorage"/> (its retries, <see cref="JobStorageException"/>).
/// </summary>
public sealed partial class QueueInspector
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly JobStorage _storage;

    public QueueInspector(JobStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    /// <summary>Every queue of the account, by name, with its approximate depth; a poison queue names its source queue.</summary>
    public async Task<IReadOnlyList<QueueSummary>> ListQueuesAsync(CancellationToken ct)
    {
        var names = await ListQueueNamesAsync(ct).ConfigureAwait(false);
        var summaries = new List<QueueSummary>(names.Count);
        foreach (var name in names)
        {
            // A queue deleted since the listing is left out.
            if (await _storage.GetApproximateQueueDepthAsync(name, ct).ConfigureAwait(false) is { } depth)
            {
                var source = StorageNames.IsPoisonQueue(name) ? name[..^JobDefaults.PoisonQueueSuffix.Length] : null;
                summaries.Add(new QueueSummary(name, depth, source));
            }
        }

        return summaries;
    }

    /// <summary>
    /// The messages of a job that can be seen now: each queue's first 32 visible messages (poison queues included)
    /// whose job id is <paramref name="jobId"/>. A message held by a worker or waiting for its retry is invisible
    /// and not found, nor is one behind the first 32 of its queue.
    /// </summary>
    public async Task<IReadOnlyList<FoundJobMessage>> FindJobMessagesAsync(string jobId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var found = new List<FoundJobMessage>();
        foreach (var name in await ListQueueNamesAsync(ct).ConfigureAwait(false))
        {
            foreach (var message in await PeekAsync(name, JobDefaults.MaxBatchSize, ct).ConfigureAwait(false))
            {
                if (string.Equals(message.Job?.JobId, jobId, StringComparison.Ordinal))
                {
                    found.Add(new FoundJobMessage(name, message));
                }
            }
        }

        return found;
    }

    private async Task<IReadOnlyList<string>> ListQueueNamesAsync(CancellationToken ct)
    {
        var names = new List<string>();
        QueueContinuationToken? continuation = null;
        do
        {
            var segment = await _storage.Resilience.ExecuteAsync("list queues", token =>
                _storage.QueueClient.ListQueuesSegmentedAsync(null, QueueListingDetails.None, null, continuation, null, null, token), ct).ConfigureAwait(false);
            names.AddRange(segment.Results.Select(q => q.Name));
            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);

        return [.. names.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Up to <paramref name="count"/> (at most 32) messages at the front of the queue, left where they are; an empty
    /// list for a queue that does not exist.
    /// </summary>
    /// <exception cref="ArgumentException">Not a queue name.</exception>
    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(string queueName, int count, CancellationToken ct)
    {
        ValidateName(queueName);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 32);
        var messages = await _storage.Resilience.ExecuteAsync("peek " + queueName, async token =>
        {
            try
            {
                return await _storage.UndecodedQueue(queueName).PeekMessagesAsync(count, null, null, token).ConfigureAwait(false);
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 404))
            {
                return [];
            }
        }, ct).ConfigureAwait(false);
        return [.. messages.Select(Read)];
    }

    /// <summary>A message's text as the processor reads it, with what it holds.</summary>
    private static PeekedMessage Read(CloudQueueMessage message)
    {
        var wire = message.AsString;
        var text = Decode(wire) ?? wire;
        var poison = ReadPoisonRecord(text);
        var jobText = poison is null ? text : poison.Original;
        var envelope = jobText is null ? null : JobEnvelope.Decode(jobText).Envelope;
        var job = envelope is null
            ? (poison is { JobId: not null } ? new PeekedJob(poison.JobId, poison.JobType, null, null, null, null, null, false) : null)
            : new PeekedJob(envelope.JobId, envelope.JobType, envelope.Payload, envelope.PayloadBlob, envelope.CorrelationId, envelope.OrderingKey, envelope.Sequence, envelope.Checkpoint is not null)
            {
                Checkpoint = envelope.Checkpoint,
            };
        var details = poison is null ? null : new PoisonDetails(poison.Queue, poison.Reason, poison.Error.ToString(), poison.Attempts, poison.MovedAt, poison.OriginalBlob);
        return new PeekedMessage(message.Id, message.DequeueCount, message.InsertionTime, message.ExpirationTime, text, job, details);
    }

    /// <summary>Base64, then strict UTF-8, as every job client writes; null when the text is not that.</summary>
    private static string? Decode(string wire)
    {
        var bytes = new byte[wire.Length];
        if (!Convert.TryFromBase64String(wire, bytes, out var length))
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static PoisonRecord? ReadPoisonRecord(string text)
    {
        try
        {
            return JobJson.Deserialize<PoisonRecord>(text) is { Queue: { Length: > 0 }, Error: not null } record ? record : null;
        }
        catch (Exception exception) when (exception is Newtonsoft.Json.JsonException or ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }

    private static void ValidateName(string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        if (!QueueName().IsMatch(queueName))
        {
            throw new ArgumentException($"'{StorageNames.Printable(queueName)}' is not a queue name: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.", nameof(queueName));
        }
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex QueueName();
}
