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
    /// <see cref="PoisonJobException"/>; otherwise release with a growing delay.
    /// </summary>
    private async Task FailAsync(InFlightJob job, JobEnvelope envelope, Exception exception)
    {
        var lease = job.Lease;
        if (exception is JobFailedException failed)
        {
            await EndFailedAsync(job, envelope, failed.Message).ConfigureAwait(false);
            Log.JobEndedFailed(_logger, envelope.JobId, envelope.JobType, lease.QueueName, failed.Message);
            return;
        }

        if (exception is PoisonJobException || lease.DequeueCount >= _options.MaxDequeueCount)
        {
            await PoisonAsync(job, envelope, exception).ConfigureAwait(false);
            return;
        }

        var delay = _options.RetryDelayFor(lease.DequeueCount);
        Log.JobFailed(_logger, envelope.JobId, envelope.JobType, lease.QueueName, lease.DequeueCount, delay, exception);
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
    private async Task ReleaseAsync(InFlightJob job, JobEnvelope envelope, TimeSpan delay, string reason)
    {
        using var completion = CompletionToken();
        await UpdateStatusAsync(job, envelope, status => status.IsFinal ? null : status with
        {
            State = JobState.Queued,
            Error = reason,
        }, completion.Token).ConfigureAwait(false);
        await job.Lease.ReleaseAsync(delay, completion.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// In order: the poison message (original text, job, error, attempts, time) into <c>&lt;queue&gt;-poison</c>,
    /// status Poisoned, reply, then the delete of the original.
    /// </summary>
    private async Task PoisonAsync(InFlightJob job, JobEnvelope? envelope, Exception exception)
    {
        using var completion = CompletionToken();
        var ct = completion.Token;
        var lease = job.Lease;
        var error = PoisonError.From(exception);
        var now = TimeProvider.GetUtcNow();
        var record = new PoisonRecord(lease.Text, null, envelope?.JobId, envelope?.JobType, error, lease.DequeueCount, now, lease.QueueName);
        var text = JobJson.Serialize(record);
        if (Encoding.UTF8.GetByteCount(text) > JobDefaults.MaxMessageBytes)
        {
            var blobName = $"poison/{lease.QueueName}/{lease.MessageId}.txt";
            using (var original = new MemoryStream(Encoding.UTF8.GetBytes(lease.Text)))
            {
                await _storage.Blobs.UploadAsync(JobDefaults.PayloadContainer, blobName, original, "text/plain", ct).ConfigureAwait(false);
            }

            text = JobJson.Serialize(record with { Original = null, OriginalBlob = blobName });
        }

        await _storage.EnsureQueueAsync(lease.QueueName, ct).ConfigureAwait(false);
        var poisonQueue = StorageNames.PoisonQueue(lease.QueueName);
        await _storage.Resilience.ExecuteAsync("add message to " + poisonQueue, token =>
            _storage.Queue(poisonQueue).AddMessageAsync(new CloudQueueMessage(text), null, null, null, null, token), ct).ConfigureAwait(false);

        if (envelope is not null)
        {
            await UpdateStatusAsync(job, envelope, status => status with
            {
                State = JobState.Poisoned,
                Error = error.ToString(),
                CompletedAt = now,
                Attempts = Math.Max(status.Attempts, lease.DequeueCount),
            }, ct).ConfigureAwait(false);
            await ReplyAsync(envelope, JobState.Poisoned, null, error.ToString(), ct).ConfigureAwait(false);
        }

        await lease.DeleteAsync(ct).ConfigureAwait(false);
        Log.JobPoisoned(_logger, envelope?.JobId, lease.MessageId, lease.QueueName, lease.DequeueCount, exception);
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

    /// <summary>Makes the message visible at once and sets the status back to Queued; does nothing when already finished.</summary>
    private async Task ReleaseOnStopAsync(InFlightJob job)
    {
        using var completion = CompletionToken();
        var lease = job.Lease;
        if (!await lease.ReleaseAsync(TimeSpan.Zero, completion.Token).ConfigureAwait(false))
        {
            return;
        }

        Log.ReleasedOnStop(_logger, lease.MessageId, lease.QueueName);
        if (JobEnvelope.TryParse(lease.Text) is { } envelope)
        {
            await UpdateStatusAsync(job, envelope, status => status.IsFinal ? null : status with
            {
                State = JobState.Queued,
                Error = "released: the worker stopped before the job finished",
            }, completion.Token).ConfigureAwait(false);
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
