using System.Globalization;
using System.Text;
using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Jobs;

/// <summary>
/// After the handler: success, failure (release or poison), and the release of a cancelled job. Each runs under a
/// completion token of its own, not the processing token, so a stop never abandons a delete or a release halfway.
/// </summary>
public sealed partial class QueueProcessor
{
    /// <summary>In order: ordering record, status Succeeded, reply, delete; a crash between them is repaired by the next delivery.</summary>
    private async Task SucceedAsync(InFlightJob job, JobEnvelope envelope, JobResult result)
    {
        using var completion = CompletionToken();
        var ct = completion.Token;
        if (envelope.OrderingKey is not null)
        {
            await AdvanceOrderingAsync(job.Lease.QueueName, envelope, ct).ConfigureAwait(false);
        }

        var now = TimeProvider.GetUtcNow();
        await UpdateStatusAsync(job, envelope, status => status with
        {
            State = JobState.Succeeded,
            Progress = 100,
            ResultReference = result.ResultReference,
            Error = null,
            CompletedAt = now,
        }, ct).ConfigureAwait(false);
        await ReplyAsync(envelope, JobState.Succeeded, result.ResultReference, null, ct).ConfigureAwait(false);
        await job.Lease.DeleteAsync(ct).ConfigureAwait(false);
        Log.JobSucceeded(_logger, envelope.JobId, envelope.JobType, job.Lease.QueueName, job.Lease.DequeueCount);
    }

    /// <summary>
    /// A <see cref="JobFailedException"/> ends the job Failed; poison at the dequeue limit or on
    /// <see cref="PoisonJobException"/>; otherwise release with a growing delay. <paramref name="envelope"/> is null
    /// when the failure came before the message was understood.
    /// </summary>
    private async Task FailAsync(InFlightJob job, JobEnvelope? envelope, Exception exception)
    {
        var lease = job.Lease;
        if (lease.IsFinished)
        {
            // Released on stop or taken by another worker while the handler went on: the message, and with it the
            // job's status, belong to the next attempt now.
            Log.LateFailureIgnored(_logger, envelope?.JobId, lease.MessageId, lease.QueueName, exception);
            return;
        }

        if (exception is JobFailedException failed && envelope is not null)
        {
            await EndFailedAsync(job, envelope, failed.Message).ConfigureAwait(false);
            Log.JobEndedFailed(_logger, envelope.JobId, envelope.JobType, lease.QueueName, failed.Message);
            return;
        }

        if (exception is PoisonJobException)
        {
            await PoisonAsync(job, envelope, PoisonReason.Rejected, exception).ConfigureAwait(false);
            return;
        }

        if (lease.DequeueCount >= _options.MaxDequeueCount)
        {
            await PoisonAsync(job, envelope, PoisonReason.TooManyAttempts, exception).ConfigureAwait(false);
            return;
        }

        var delay = _options.RetryDelayFor(lease.DequeueCount);
        if (envelope is null)
        {
            Log.ProcessingRetried(_logger, lease.MessageId, lease.QueueName, lease.DequeueCount, _options.MaxDequeueCount, delay, exception);
        }
        else
        {
            Log.JobFailed(_logger, envelope.JobId, envelope.JobType, lease.QueueName, lease.DequeueCount, delay, exception);
        }

        await ReleaseAsync(job, envelope, delay, PoisonError.From(exception).ToString()).ConfigureAwait(false);
    }

    /// <summary>In order: status Failed with the error, reply, delete. Nothing goes to the poison queue.</summary>
    private async Task EndFailedAsync(InFlightJob job, JobEnvelope envelope, string error)
    {
        using var completion = CompletionToken();
        var now = TimeProvider.GetUtcNow();
        await UpdateStatusAsync(job, envelope, status => status with
        {
            State = JobState.Failed,
            Error = error,
            CompletedAt = now,
        }, completion.Token).ConfigureAwait(false);
        await ReplyAsync(envelope, JobState.Failed, null, error, completion.Token).ConfigureAwait(false);
        await job.Lease.DeleteAsync(completion.Token).ConfigureAwait(false);
    }

    /// <summary>Status Queued with the reason, then the message becomes visible again after <paramref name="delay"/>.</summary>
    private async Task ReleaseAsync(InFlightJob job, JobEnvelope? envelope, TimeSpan delay, string reason)
    {
        using var completion = CompletionToken();
        if (envelope is not null)
        {
            await TryUpdateStatusAsync(job, envelope, status => status.IsFinal ? null : status with
            {
                State = JobState.Queued,
                Error = reason,
            }, completion.Token).ConfigureAwait(false);
        }

        await job.Lease.ReleaseAsync(delay, completion.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// In order: the poison message (original text, job, reason, error, attempts, time) into
    /// <c>&lt;queue&gt;-poison</c>, status Poisoned, reply, then the delete of the original. Without an
    /// <paramref name="envelope"/> (a message that is no usable job) there is no status to set and no one to reply
    /// to; <paramref name="unusable"/> then gives what could be read of it.
    /// </summary>
    private async Task PoisonAsync(InFlightJob job, JobEnvelope? envelope, PoisonReason reason, Exception exception, EnvelopeDecoding? unusable = null)
    {
        using var completion = CompletionToken();
        var ct = completion.Token;
        var lease = job.Lease;
        var error = PoisonError.From(exception);
        var now = TimeProvider.GetUtcNow();

        // An undecodable message is kept as it was on the wire; anything else as its text.
        var original = lease.Text ?? lease.WireText;
        var record = new PoisonRecord(original, null, envelope?.JobId ?? unusable?.JobId, envelope?.JobType ?? unusable?.JobType, reason, error, lease.DequeueCount, now, lease.QueueName);
        var text = JobJson.Serialize(record);
        if (Encoding.UTF8.GetByteCount(text) > JobDefaults.MaxMessageBytes)
        {
            var blobName = $"poison/{lease.QueueName}/{lease.MessageId}.txt";
            using (var content = new MemoryStream(Encoding.UTF8.GetBytes(original)))
            {
                await _storage.Blobs.UploadAsync(JobDefaults.PayloadContainer, blobName, content, "text/plain", ct).ConfigureAwait(false);
            }

            text = JobJson.Serialize(record with { Original = null, OriginalBlob = blobName, JobId = Shorten(record.JobId), JobType = Shorten(record.JobType) });
        }

        await _storage.EnsureQueueAsync(lease.QueueName, ct).ConfigureAwait(false);
        var poisonQueue = StorageNames.PoisonQueue(lease.QueueName);
        await _storage.Resilience.ExecuteAsync("add message to " + poisonQueue, token =>
            _storage.Queue(poisonQueue).AddMessageAsync(new CloudQueueMessage(text), null, null, null, null, token), ct).ConfigureAwait(false);

        if (envelope is not null)
        {
            await TryUpdateStatusAsync(job, envelope, status => status with
            {
                State = JobState.Poisoned,
                Error = error.ToString(),
                CompletedAt = now,
                Attempts = Math.Max(status.Attempts, lease.DequeueCount),
            }, ct).ConfigureAwait(false);
            await ReplyAsync(envelope, JobState.Poisoned, null, error.ToString(), ct).ConfigureAwait(false);
        }

        await lease.DeleteAsync(ct).ConfigureAwait(false);
        Log.JobPoisoned(_logger, envelope?.JobId, lease.MessageId, lease.QueueName, reason, lease.DequeueCount, exception);

        // A job id or type read from a bad message may be the very thing that made the record too large.
        static string? Shorten(string? text) => text is null ? null : StorageNames.Printable(text);
    }

    /// <summary>
    /// The status change on the way to a release or the poison queue: a record that cannot be written (storage,
    /// or a record some other writer left unreadable) must not keep the message from being released or poisoned,
    /// or the message would come back for ever. Logged, not thrown.
    /// </summary>
    private async Task TryUpdateStatusAsync(InFlightJob job, JobEnvelope envelope, Func<JobStatus, JobStatus?> change, CancellationToken ct)
    {
        try
        {
            await UpdateStatusAsync(job, envelope, change, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception) && !ct.IsCancellationRequested)
        {
            Log.StatusNotUpdated(_logger, envelope.JobId, job.Lease.QueueName, exception);
        }
    }

    private async Task DeleteAsync(InFlightJob job)
    {
        using var completion = CompletionToken();
        await job.Lease.DeleteAsync(completion.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// The handler stopped because its token was cancelled: the lease was lost (nothing to do, another worker has
    /// the message), or the drain timeout passed (release at once for another instance).
    /// </summary>
    private async Task HandleCancellationAsync(InFlightJob job)
    {
        if (job.Lease.IsLost)
        {
            Log.LeaseLost(_logger, job.Lease.MessageId, job.Lease.QueueName);
            return;
        }

        await ReleaseOnStopAsync(job).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets the status back to Queued with the attempt recorded, then makes the message visible at once; does
    /// nothing when already finished. The status goes first, while this worker still holds the message, so it can
    /// never overwrite the Running of the next worker to take it. Runs under the release token
    /// (<see cref="QueueProcessorOptions.ReleaseTimeout"/>), never the processing token, which a stop has cancelled.
    /// A failure is logged, not thrown: the message then comes back when its visibility ends.
    /// </summary>
    private async Task ReleaseOnStopAsync(InFlightJob job)
    {
        var lease = job.Lease;
        try
        {
            using var release = new CancellationTokenSource(_options.ReleaseTimeout, TimeProvider);
            if (lease.IsFinished)
            {
                return;
            }

            if (job.Envelope is { } envelope)
            {
                var attempt = lease.DequeueCount;
                await TryUpdateStatusAsync(job, envelope, status => status.IsFinal ? null : status with
                {
                    State = JobState.Queued,
                    Attempts = Math.Max(status.Attempts, attempt),
                    Error = string.Create(CultureInfo.InvariantCulture, $"released: the worker stopped before attempt {attempt} finished"),
                }, release.Token).ConfigureAwait(false);
            }

            if (await lease.ReleaseAsync(TimeSpan.Zero, release.Token).ConfigureAwait(false))
            {
                Log.ReleasedOnStop(_logger, lease.MessageId, lease.QueueName);
            }
        }
        catch (ObjectDisposedException)
        {
            // The handler finished and cleaned up in the meantime: nothing left to release.
        }
        catch (Exception exception) when (exception is JobStorageException or OperationCanceledException)
        {
            Log.ReleaseFailed(_logger, lease.MessageId, lease.QueueName, exception);
        }
    }

    /// <summary>Sends a <see cref="JobReply"/> to the job's reply queue, if it has one. A failed reply is logged, not retried by the job.</summary>
    private async Task ReplyAsync(JobEnvelope envelope, JobState state, string? resultReference, string? error, CancellationToken ct)
    {
        if (envelope.ReplyTo is not { } replyTo)
        {
            return;
        }

        var reply = new JobReply(envelope.JobId, envelope.JobType, envelope.CorrelationId, state, resultReference, error, TimeProvider.GetUtcNow());
        try
        {
            await _storage.EnsureQueueAsync(replyTo, ct).ConfigureAwait(false);
            await _storage.Resilience.ExecuteAsync("add reply to " + replyTo, token =>
                _storage.Queue(replyTo).AddMessageAsync(new CloudQueueMessage(JobJson.Serialize(reply)), null, null, null, null, token), ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is JobStorageException or ArgumentException)
        {
            Log.ReplyFailed(_logger, envelope.JobId, replyTo, exception);
        }
    }

    private CancellationTokenSource CompletionToken() => new(_options.CompletionTimeout, TimeProvider);
}
