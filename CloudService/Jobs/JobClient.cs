using System.Security.Cryptography;
using System.Text;
using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Jobs;

/// <summary>Hands jobs to worker roles through queues.</summary>
public sealed class JobClient
{
    private readonly JobStorage _storage;
    private readonly DocumentTable<SubmissionRecord> _submissions;

    internal JobClient(JobStorage storage)
    {
        _storage = storage;
        _submissions = storage.Table<SubmissionRecord>(JobDefaults.SubmissionTable);
    }

    /// <summary>
    /// Submits a job. In order: the idempotency key is claimed (when given), the Queued status is written, a payload
    /// that would make the message larger than <see cref="JobDefaults.MaxInlineMessageBytes"/> goes to a blob in
    /// <see cref="JobDefaults.PayloadContainer"/> (claim check), then the message is added. A key already used for
    /// this queue returns the first job's id with <see cref="JobSubmission.AlreadySubmitted"/> and enqueues nothing;
    /// should the first submit have died before its message went out, the message is sent now, for the first job id.
    /// The key is stored with a hash of the payload: the same key with a different payload is refused with
    /// <see cref="IdempotencyConflictException"/> and changes nothing. The queue (and its poison queue) is created when missing.
    /// </summary>
    /// <exception cref="ArgumentException">A bad queue name, an empty job type, or an ordering key without a sequence (or the reverse).</exception>
    /// <exception cref="IdempotencyConflictException">The idempotency key was used on this queue for a different payload.</exception>
    /// <exception cref="JobStorageException">Storage failed after retries.</exception>
    public async Task<JobSubmission> SubmitAsync(string queueName, string jobType, string payloadJson, SubmitOptions? options, CancellationToken ct)
    {
        StorageNames.ValidateQueue(queueName);
        ArgumentException.ThrowIfNullOrEmpty(jobType);
        ArgumentNullException.ThrowIfNull(payloadJson);
        options ??= new SubmitOptions();
        Validate(options);
        await _storage.EnsureQueueAsync(queueName, ct).ConfigureAwait(false);

        // Time-ordered (a version 7 GUID): its status record's partition is its submit time (JobStatusStore.LocationOf).
        var jobId = Guid.CreateVersion7(_storage.TimeProvider.GetUtcNow()).ToString("N");
        var alreadySubmitted = false;
        string? keyRow = null;
        var payloadHash = PayloadHash(payloadJson);
        if (options.IdempotencyKey is { } idempotencyKey)
        {
            keyRow = StorageNames.Key(idempotencyKey);
            var claimed = await _submissions.TryInsertAsync(queueName, keyRow, new SubmissionRecord(jobId, false, _storage.TimeProvider.GetUtcNow(), payloadHash), ct).ConfigureAwait(false);
            if (!claimed)
            {
                var existing = await _submissions.GetAsync(queueName, keyRow, ct).ConfigureAwait(false)
                    ?? throw new JobStorageException($"The idempotency record of a submit to {queueName} vanished while it was read; submit again.");
                ThrowOnConflict(existing.Value, payloadHash, queueName);
                if (existing.Value.Enqueued)
                {
                    return new JobSubmission(existing.Value.JobId, AlreadySubmitted: true);
                }

                jobId = existing.Value.JobId;
                alreadySubmitted = true;
            }
        }

        DateTimeOffset? createdAt = null;
        if (!alreadySubmitted || await _storage.Statuses.GetAsync(jobId, ct).ConfigureAwait(false) is null)
        {
            createdAt = await _storage.Statuses.CreateAsync(jobId, jobType, ct).ConfigureAwait(false);
        }

        var text = await EnvelopeTextAsync(jobId, jobType, payloadJson, options, createdAt, ct).ConfigureAwait(false);
        await _storage.Resilience.ExecuteAsync("add message to " + queueName, token =>
            _storage.Queue(queueName).AddMessageAsync(new CloudQueueMessage(text), null, null, null, null, token), ct).ConfigureAwait(false);

        if (keyRow is not null)
        {
            await _submissions.UpsertAsync(queueName, keyRow, new SubmissionRecord(jobId, true, _storage.TimeProvider.GetUtcNow(), payloadHash), ct).ConfigureAwait(false);
        }

        return new JobSubmission(jobId, alreadySubmitted);
    }

    /// <summary>
    /// What <see cref="SubmitAsync"/> would answer for an idempotency key without submitting anything: the job the key
    /// made (<see cref="JobSubmission.AlreadySubmitted"/> set) when its message went out for the same payload, null when
    /// the key is unused or its first submit did not finish. Lets a caller skip work a retry does not need (an upload).
    /// </summary>
    /// <exception cref="IdempotencyConflictException">The key was used on this queue for a different payload.</exception>
    /// <exception cref="JobStorageException">Storage failed after retries.</exception>
    public async Task<JobSubmission?> FindSubmissionAsync(string queueName, string idempotencyKey, string payloadJson, CancellationToken ct)
    {
        StorageNames.ValidateQueue(queueName);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ArgumentNullException.ThrowIfNull(payloadJson);
        var existing = await _submissions.GetAsync(queueName, StorageNames.Key(idempotencyKey), ct).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        ThrowOnConflict(existing.Value, PayloadHash(payloadJson), queueName);
        return existing.Value.Enqueued ? new JobSubmission(existing.Value.JobId, AlreadySubmitted: true) : null;
    }

    /// <summary>A record written before payload hashes were kept has none, and matches any payload as it did then.</summary>
    private static void ThrowOnConflict(SubmissionRecord existing, string payloadHash, string queueName)
    {
        if (existing.PayloadHash is not null && existing.PayloadHash != payloadHash)
        {
            throw new IdempotencyConflictException($"The idempotency key was used on queue {queueName} for a different request (job {existing.JobId}); use a new key for a new request.", existing.JobId);
        }
    }

    private static string PayloadHash(string payloadJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payloadJson)));

    /// <summary>
    /// Takes the next <see cref="JobReply"/> from a reply queue and deletes its message; null when the queue is empty
    /// or missing. Messages that are not replies are deleted and skipped.
    /// </summary>
    public async Task<JobReply?> ReceiveReplyAsync(string replyQueueName, CancellationToken ct)
    {
        StorageNames.ValidateQueue(replyQueueName);
        var queue = _storage.Queue(replyQueueName);
        while (true)
        {
            var message = await _storage.Resilience.ExecuteAsync("get reply from " + replyQueueName, async token =>
            {
                try
                {
                    return await queue.GetMessageAsync(JobDefaults.VisibilityTimeout, null, null, token).ConfigureAwait(false);
                }
                catch (Microsoft.WindowsAzure.Storage.StorageException exception) when (TransientErrors.Is(exception, 404))
                {
                    return null;
                }
            }, ct).ConfigureAwait(false);
            if (message is null)
            {
                return null;
            }

            var reply = TryParseReply(message.AsString);
            await _storage.Resilience.ExecuteAsync("delete reply from " + replyQueueName, token =>
                queue.DeleteMessageAsync(message.Id, message.PopReceipt, null, null, token), ct).ConfigureAwait(false);
            if (reply is not null)
            {
                return reply;
            }
        }
    }

    private static JobReply? TryParseReply(string text)
    {
        try
        {
            return JobJson.Deserialize<JobReply>(text) is { JobId.Length: > 0 } reply ? reply : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    private static void Validate(SubmitOptions options)
    {
        if (options.ReplyTo is { } replyTo)
        {
            StorageNames.ValidateQueue(replyTo);
        }

        if ((options.OrderingKey is null) != (options.Sequence is null))
        {
            throw new ArgumentException("OrderingKey and Sequence go together: set both or neither.", nameof(options));
        }

        if (options.Sequence is < 1)
        {
            throw new ArgumentException("Sequence starts at 1.", nameof(options));
        }

        if (options.OrderingKey is "")
        {
            throw new ArgumentException("OrderingKey must not be empty.", nameof(options));
        }
    }

    private async Task<string> EnvelopeTextAsync(string jobId, string jobType, string payloadJson, SubmitOptions options, DateTimeOffset? createdAt, CancellationToken ct)
    {
        var envelope = new JobEnvelope
        {
            JobId = jobId,
            JobType = jobType,
            Payload = payloadJson,
            CorrelationId = options.CorrelationId,
            ReplyTo = options.ReplyTo,
            OrderingKey = options.OrderingKey,
            Sequence = options.Sequence,
            CreatedAt = createdAt,
        };
        var text = envelope.ToText();
        if (JobEnvelope.ByteCount(text) <= JobDefaults.MaxInlineMessageBytes)
        {
            return text;
        }

        var blobName = PayloadBlobName(jobId);
        using (var content = new MemoryStream(Encoding.UTF8.GetBytes(payloadJson)))
        {
            await _storage.Blobs.UploadAsync(JobDefaults.PayloadContainer, blobName, content, "application/json", ct).ConfigureAwait(false);
        }

        text = (envelope with { Payload = null, PayloadBlob = blobName }).ToText();
        if (JobEnvelope.ByteCount(text) > JobDefaults.MaxInlineMessageBytes)
        {
            throw new ArgumentException("The job's correlation id, reply queue and ordering key are too large for a queue message.", nameof(options));
        }

        return text;
    }

    internal static string PayloadBlobName(string jobId) => jobId + ".json";
}
