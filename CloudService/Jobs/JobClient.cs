using System.Security.Cryptography;
using System.Text;
using BackgroundRoles.Jobs.Callbacks;
using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Jobs;

/// <summary>Hands jobs to worker roles through queues.</summary>
public sealed partial class JobClient
{
    private readonly JobStorage _storage;
    private readonly DocumentTable<SubmissionRecord> _submissions;
    private readonly DueJobStore _dueJobs;

    internal JobClient(JobStorage storage)
    {
        _storage = storage;
        _submissions = storage.Table<SubmissionRecord>(JobDefaults.SubmissionTable);
        _dueJobs = new DueJobStore(storage);
    }

    /// <summary>
    /// Submits a job. In order: the idempotency key is claimed (when given), the Queued status is written, a payload
    /// that would make the message larger than <see cref="JobDefaults.MaxInlineMessageBytes"/> goes to a blob in
    /// <see cref="JobDefaults.PayloadContainer"/> (claim check), then the message is added. A key already used for
    /// this queue returns the first job's id with <see cref="JobSubmission.AlreadySubmitted"/> and enqueues nothing;
    /// should the first submit have died before its message went out, the message is sent now, for the first job id.
    /// The key is stored with a hash of the payload: the same key with a different payload is refused with
    /// <see cref="IdempotencyConflictException"/> and changes nothing. The queue (and its poison queue) is created when missing.
    /// A job with a due time (<see cref="SubmitOptions.RunAt"/>, <see cref="SubmitOptions.Delay"/>) is written
    /// <see cref="JobState.Scheduled"/>; its message is sent hidden until then when that is within
    /// <see cref="JobDefaults.MaxVisibilityDelay"/>, else kept in <see cref="JobDefaults.DueJobsTable"/> for the
    /// due-jobs mover (<see cref="Scheduling.DueJobMover"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A bad queue name, an empty job type, an ordering key without a sequence (or the reverse), both RunAt and Delay, a negative Delay, or a CallbackUrl that is not absolute http(s) to a host on <see cref="CallbackHosts"/>.</exception>
    /// <exception cref="IdempotencyConflictException">The idempotency key was used on this queue for a different payload.</exception>
    /// <exception cref="JobStorageException">Storage failed after retries.</exception>
    public async Task<JobSubmission> SubmitAsync(string queueName, string jobType, string payloadJson, SubmitOptions? options, CancellationToken ct)
    {
        StorageNames.ValidateQueue(queueName);
        ArgumentException.ThrowIfNullOrEmpty(jobType);
        ArgumentNullException.ThrowIfNull(payloadJson);
        options ??= new SubmitOptions();
        Validate(options);
        var dueAt = DueAtOf(options, _storage.TimeProvider.GetUtcNow());
        var claim = options.Cancellable || dueAt is not null;
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
            createdAt = await _storage.Statuses.CreateAsync(jobId, jobType, queueName, dueAt, claim, ct).ConfigureAwait(false);
        }

        await SendAsync(queueName, jobId, jobType, payloadJson, options, createdAt, dueAt, claim, ct).ConfigureAwait(false);

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
    /// The hosts a <see cref="SubmitOptions.CallbackUrl"/> may name; <see cref="CallbackAllowList.None"/> (the default)
    /// refuses every callback URL. A role sets it once from its allowed hosts setting.
    /// </summary>
    public CallbackAllowList CallbackHosts { get; set; } = CallbackAllowList.None;

    private void Validate(SubmitOptions options)
    {
        if (options.CallbackUrl is { } callbackUrl)
        {
            var problem = callbackUrl.IsAbsoluteUri && callbackUrl.AbsoluteUri.Length > JobDefaults.MaxCallbackUrlChars
                ? $"is longer than {JobDefaults.MaxCallbackUrlChars} characters"
                : CallbackHosts.Check(callbackUrl);
            if (problem is not null)
            {
                throw new ArgumentException($"SubmitOptions.CallbackUrl {problem}.", nameof(options));
            }
        }

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

        if (options.RunAt is not null && options.Delay is not null)
        {
            throw new ArgumentException("RunAt and Delay both say when the job is due: set one of them.", nameof(options));
        }

        if (options.Delay < TimeSpan.Zero)
        {
            throw new ArgumentException($"Delay must not be negative (it is {options.Delay}).", nameof(options));
        }
    }

    private async Task<string> EnvelopeTextAsync(string jobId, string jobType, string payloadJson, SubmitOptions options, DateTimeOffset? createdAt, DateTimeOffset? dueAt, bool claim, int maxInlineBytes, CancellationToken ct)
    {
        var envelope = new JobEnvelope
        {
            JobId = jobId,
            JobType = jobType,
            Payload = payloadJson,
            CorrelationId = options.CorrelationId,
            ReplyTo = options.ReplyTo,
            CallbackUrl = options.CallbackUrl?.AbsoluteUri,
            OrderingKey = options.OrderingKey,
            Sequence = options.Sequence,
            CreatedAt = createdAt,
            DueAt = dueAt,
            Claim = claim ? true : null,
        };
        var text = envelope.ToText();
        if (JobEnvelope.ByteCount(text) <= maxInlineBytes)
        {
            return text;
        }

        var blobName = PayloadBlobName(jobId);
        using (var content = new MemoryStream(Encoding.UTF8.GetBytes(payloadJson)))
        {
            await _storage.Blobs.UploadAsync(JobDefaults.PayloadContainer, blobName, content, "application/json", ct).ConfigureAwait(false);
        }

        text = (envelope with { Payload = null, PayloadBlob = blobName }).ToText();
        if (JobEnvelope.ByteCount(text) > maxInlineBytes)
        {
            throw new ArgumentException("The job's correlation id, reply queue and ordering key are too large for a queue message.", nameof(options));
        }

        return text;
    }

    internal static string PayloadBlobName(string jobId) => jobId + ".json";
}
