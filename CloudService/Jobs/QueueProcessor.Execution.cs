using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs;

/// <summary>One message from fetch to handler result.</summary>
public sealed partial class QueueProcessor
{
    private async Task ProcessAsync(InFlightJob job)
    {
        var lease = job.Lease;

        // Renewal covers the whole life of the message here, not only the handler: status and ordering reads,
        // payload download and the completion steps all count against the visibility timeout too.
        using var renewalStop = new CancellationTokenSource();
        var renewal = RenewWhileHeldAsync(lease, renewalStop.Token);
        try
        {
            await ProcessMessageAsync(job).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (job.Token.IsCancellationRequested)
        {
            await HandleCancellationAsync(job).ConfigureAwait(false);
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception))
        {
            await FailAttemptAsync(job, exception).ConfigureAwait(false);
        }
        finally
        {
            await StopRenewalAsync(renewalStop, renewal).ConfigureAwait(false);
        }
    }

    private async Task ProcessMessageAsync(InFlightJob job)
    {
        var lease = job.Lease;
        if (lease.Text is not { } text)
        {
            await PoisonAsync(job, null, PoisonReason.Undecodable, new InvalidDataException($"The message is not a job message: {lease.DecodeError}.")).ConfigureAwait(false);
            return;
        }

        var decoding = JobEnvelope.Decode(text);
        if (decoding.Envelope is not { } envelope)
        {
            await PoisonAsync(job, null, decoding.Reason!.Value, new InvalidDataException(decoding.Error), decoding).ConfigureAwait(false);
            return;
        }

        job.Envelope = envelope;
        if (!_handlers.TryGetValue(envelope.JobType, out var handler))
        {
            await PoisonAsync(job, envelope, PoisonReason.UnknownJobType, new InvalidOperationException($"No handler for job type '{StorageNames.Printable(envelope.JobType)}'.")).ConfigureAwait(false);
            return;
        }

        job.Status = _options.TrackStatus ? await _storage.Statuses.GetDocumentAsync(envelope.JobId, job.Token).ConfigureAwait(false) : null;
        if (job.Status?.Value is { IsFinal: true } final)
        {
            // A second delivery of a finished job (a worker died before its delete, or a submit was sent twice).
            Log.DuplicateDeleted(_logger, envelope.JobId, lease.QueueName, final.State);
            await DeleteAsync(job).ConfigureAwait(false);
            return;
        }

        if (!await PassesOrderingAsync(job, envelope).ConfigureAwait(false))
        {
            return;
        }

        var payload = await ResolvePayloadAsync(envelope, job.Token).ConfigureAwait(false);
        if (payload is null)
        {
            await PoisonAsync(job, envelope, PoisonReason.MissingPayload, new InvalidDataException($"The payload blob '{envelope.PayloadBlob}' of job {envelope.JobId} does not exist.")).ConfigureAwait(false);
            return;
        }

        await RunHandlerAsync(job, envelope, handler, payload).ConfigureAwait(false);
    }

    /// <summary>
    /// Something other than the handler failed: storage (after its retries), a field the decoding let through, a
    /// bug. It counts like a handler's failure, so no message is retried forever: poison at the dequeue limit,
    /// else released with the retry delay. When even that cannot reach storage, the message comes back by itself
    /// when its visibility ends, one dequeue count further.
    /// </summary>
    private async Task FailAttemptAsync(InFlightJob job, Exception exception)
    {
        var lease = job.Lease;
        try
        {
            await FailAsync(job, job.Envelope, exception).ConfigureAwait(false);
        }
        catch (Exception second) when (!Fatal.IsFatal(second))
        {
            Log.ProcessingFailed(_logger, lease.MessageId, lease.QueueName, lease.DequeueCount, _options.MaxDequeueCount, second);
        }
    }

    private async Task RunHandlerAsync(InFlightJob job, JobEnvelope envelope, IJobHandler handler, string payload)
    {
        var lease = job.Lease;
        var startedAt = TimeProvider.GetUtcNow();
        await UpdateStatusAsync(job, envelope, status => status with
        {
            State = JobState.Running,
            StartedAt = startedAt,
            Attempts = lease.DequeueCount,
        }, job.Token).ConfigureAwait(false);
        Log.JobStarted(_logger, envelope.JobId, envelope.JobType, lease.QueueName, lease.DequeueCount);

        var context = new JobContext(envelope, payload, lease, _options.TrackStatus ? _storage.Statuses : null, _runOnceGuard, _options.VisibilityTimeout);
        JobResult result;
        try
        {
            result = await handler.HandleAsync(context, job.Token).ConfigureAwait(false) ?? JobResult.Success;
        }
        catch (OperationCanceledException) when (job.Token.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception))
        {
            await FailAsync(job, envelope, exception).ConfigureAwait(false);
            return;
        }

        await SucceedAsync(job, envelope, result).ConfigureAwait(false);
    }

    /// <summary>
    /// Every half visibility timeout, counted from the fetch, keeps the message invisible for another timeout; ends
    /// when the lease is finished (deleted, released, lost) or <paramref name="stop"/> is cancelled.
    /// </summary>
    private async Task RenewWhileHeldAsync(MessageLease lease, CancellationToken stop)
    {
        var interval = _options.VisibilityTimeout / 2;
        var due = lease.FetchedAt + interval;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var wait = due - TimeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, TimeProvider, stop).ConfigureAwait(false);
                }

                due = TimeProvider.GetUtcNow() + interval;
                try
                {
                    if (!await lease.RenewAsync(_options.VisibilityTimeout, stop).ConfigureAwait(false))
                    {
                        if (lease.IsLost)
                        {
                            Log.LeaseLost(_logger, lease.MessageId, lease.QueueName);
                        }

                        return;
                    }
                }
                catch (JobStorageException exception)
                {
                    // Try again at the next interval; the message stays ours until its visibility runs out.
                    Log.RenewalFailed(_logger, lease.MessageId, lease.QueueName, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The handler finished.
        }
    }

    /// <summary>Changes the job's status, when this processor keeps status records, from the record it last read or wrote.</summary>
    private async Task UpdateStatusAsync(InFlightJob job, JobEnvelope envelope, Func<JobStatus, JobStatus?> change, CancellationToken ct)
    {
        if (_options.TrackStatus)
        {
            job.Status = await _storage.Statuses.UpdateAsync(envelope.JobId, envelope.JobType, change, ct, job.Status).ConfigureAwait(false) ?? job.Status;
        }
    }

    private static async Task StopRenewalAsync(CancellationTokenSource renewalStop, Task renewal)
    {
        if (!renewalStop.IsCancellationRequested)
        {
            await renewalStop.CancelAsync().ConfigureAwait(false);
        }

        await renewal.ConfigureAwait(false);
    }

    private async Task<string?> ResolvePayloadAsync(JobEnvelope envelope, CancellationToken ct)
    {
        if (envelope.PayloadBlob is not { } blobName)
        {
            return envelope.Payload;
        }

        var blob = await _storage.Blobs.DownloadAsync(JobDefaults.PayloadContainer, blobName, ct).ConfigureAwait(false);
        return blob is null ? null : System.Text.Encoding.UTF8.GetString(blob.Content);
    }

    /// <summary>The clock of the current run: the injected one, else the supervisor's.</summary>
    private TimeProvider TimeProvider => _runTimeProvider ?? _timeProvider ?? TimeProvider.System;
}
