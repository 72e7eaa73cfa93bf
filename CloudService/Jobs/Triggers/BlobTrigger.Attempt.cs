using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Triggers.Internal;

namespace BackgroundRoles.Jobs.Triggers;

/// <summary>One attempt at one blob version: the handler under a renewed claim, then its outcome recorded.</summary>
public sealed partial class BlobTrigger
{
    private const int MaxErrorLength = 2000;

    /// <summary>Claims the version and, when this instance got it, runs the attempt; the version's slot is given back at the end either way.</summary>
    private async Task ClaimAndRunAsync(ListedBlob blob, DateTimeOffset lookedAt, CancellationToken handlers, CancellationToken stop)
    {
        try
        {
            if (IsStale(lookedAt))
            {
                // Waited too long since the listing: left open for the next scan, which lists it again if it is still there.
                return;
            }

            var (outcome, claim) = await _claims.TryClaimAsync(blob, stop).ConfigureAwait(false);
            if (outcome == ClaimOutcome.Final)
            {
                _done[(blob.Name, blob.ETag)] = blob.LastModified;
            }
            else if (outcome == ClaimOutcome.Claimed)
            {
                await RunAttemptAsync(blob, claim!, handlers).ConfigureAwait(false);
            }
        }
        catch (JobStorageException exception)
        {
            BlobTriggerLog.ClaimFailed(_logger, Name, StorageNames.Printable(blob.Name), blob.ETag, exception.Message);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while claiming: a claim that went through before the stop expires and is taken over.
        }
        finally
        {
            _inFlight.TryRemove((blob.Name, blob.ETag), out _);
            _slots.Release();
        }
    }

    private async Task RunAttemptAsync(ListedBlob blob, Document<BlobReceipt> claim, CancellationToken handlers)
    {
        var receipt = claim.Value;
        var change = new BlobChange(_options.Container, blob.Name, blob.ETag, blob.LastModified, blob.Length, receipt.JobId, receipt.Attempts);
        var started = _clock.GetUtcNow();
        BlobTriggerLog.Started(_logger, Name, StorageNames.Printable(blob.Name), blob.ETag, receipt.Attempts, receipt.JobId);

        // Running is written beside the handler, not before it, and waited for before the outcome, so it never follows it.
        var running = WriteStatusAsync(receipt.JobId, status => status with { State = JobState.Running, CreatedAt = receipt.CreatedAt, StartedAt = started, Attempts = receipt.Attempts });
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(handlers);
        using var renewing = new CancellationTokenSource();
        var holder = new ClaimHolder(claim);
        var renewal = RenewAsync(holder, attempt, renewing.Token);
        JobResult? result = null;
        Exception? failure = null;
        try
        {
            result = await _handler(change, attempt.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception))
        {
            failure = exception;
        }

        await renewing.CancelAsync().ConfigureAwait(false);
        await renewal.ConfigureAwait(false);
        await running.ConfigureAwait(false);
        if (holder.Lost)
        {
            return;
        }

        await RecordOutcomeAsync(blob, holder.Current, started, result, failure, stopped: failure is OperationCanceledException && handlers.IsCancellationRequested).ConfigureAwait(false);
    }

    /// <summary>Renews the claim every third of the claim time; a claim that changed under it, or could not be renewed before it expired, is lost and the handler cancelled.</summary>
    private async Task RenewAsync(ClaimHolder holder, CancellationTokenSource attempt, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.ClaimTime / 3, _clock, ct).ConfigureAwait(false);
                Document<BlobReceipt>? renewed;
                try
                {
                    renewed = await _claims.RenewAsync(holder.Current, ct).ConfigureAwait(false);
                }
                catch (JobStorageException) when (_clock.GetUtcNow() < holder.Current.Value.ClaimedUntil)
                {
                    continue;
                }
                catch (JobStorageException)
                {
                    renewed = null;
                }

                if (renewed is null)
                {
                    holder.Lost = true;
                    BlobTriggerLog.ClaimLost(_logger, Name, StorageNames.Printable(holder.Current.Value.BlobName), holder.Current.Value.ETag);
                    await attempt.CancelAsync().ConfigureAwait(false);
                    return;
                }

                holder.Current = renewed;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The handler ended: nothing more to renew.
        }
    }

    /// <summary>Writes the status record, then the receipt: a crash between the two runs the version again, never loses it.</summary>
    private async Task RecordOutcomeAsync(ListedBlob blob, Document<BlobReceipt> held, DateTimeOffset started, JobResult? result, Exception? failure, bool stopped)
    {
        var receipt = held.Value;
        var now = _clock.GetUtcNow();
        var error = failure is null ? null : Describe(failure);
        BlobReceipt next;
        if (failure is null)
        {
            next = receipt with { State = BlobReceiptState.Succeeded, ClaimedUntil = null, Error = null };
            await CompleteStatusAsync(receipt, JobState.Succeeded, result?.ResultReference, null, started, now).ConfigureAwait(false);
            BlobTriggerLog.Succeeded(_logger, Name, StorageNames.Printable(blob.Name), blob.ETag, receipt.JobId);
        }
        else if (stopped)
        {
            // Stopped, not failed: the attempt is given back uncounted, due at once for whichever instance runs.
            next = receipt with { State = BlobReceiptState.Retrying, Attempts = receipt.Attempts - 1, ClaimedUntil = null, RetryAt = now };
            await WriteStatusAsync(receipt.JobId, status => status with { State = JobState.Queued, Attempts = receipt.Attempts - 1 }).ConfigureAwait(false);
        }
        else if (failure is JobFailedException)
        {
            next = receipt with { State = BlobReceiptState.Failed, ClaimedUntil = null, Error = error };
            await CompleteStatusAsync(receipt, JobState.Failed, null, error, started, now).ConfigureAwait(false);
            BlobTriggerLog.Failed(_logger, Name, StorageNames.Printable(blob.Name), blob.ETag, receipt.JobId, error!);
        }
        else if (failure is PoisonJobException || receipt.Attempts >= _options.MaxAttempts)
        {
            next = receipt with { State = BlobReceiptState.Poisoned, ClaimedUntil = null, Error = error };
            await CompleteStatusAsync(receipt, JobState.Poisoned, null, error, started, now).ConfigureAwait(false);
            BlobTriggerLog.Poisoned(_logger, Name, StorageNames.Printable(blob.Name), blob.ETag, receipt.Attempts, receipt.JobId, error!);
        }
        else
        {
            var delay = TimeSpan.FromTicks(Math.Min(_options.MaxRetryDelay.Ticks, _options.RetryDelay.Ticks * (1L << Math.Min(receipt.Attempts - 1, 20))));
            next = receipt with { State = BlobReceiptState.Retrying, ClaimedUntil = null, RetryAt = now + delay, Error = error };
            await WriteStatusAsync(receipt.JobId, status => status with { State = JobState.Queued, Error = error, Attempts = receipt.Attempts }).ConfigureAwait(false);
            BlobTriggerLog.Retrying(_logger, Name, StorageNames.Printable(blob.Name), blob.ETag, receipt.Attempts, now + delay, error!);
        }

        try
        {
            using var budget = new CancellationTokenSource(JobDefaults.CompletionTimeout, _clock);
            if (await _claims.WriteAsync(held, next, budget.Token).ConfigureAwait(false) is null)
            {
                BlobTriggerLog.ReceiptNotWritten(_logger, Name, StorageNames.Printable(blob.Name), blob.ETag, "another instance changed it");
            }
            else if (next.IsFinal)
            {
                _done[(blob.Name, blob.ETag)] = blob.LastModified;
            }
        }
        catch (Exception exception) when (exception is JobStorageException or OperationCanceledException)
        {
            BlobTriggerLog.ReceiptNotWritten(_logger, Name, StorageNames.Printable(blob.Name), blob.ETag, exception.Message);
        }
    }

    private Task CompleteStatusAsync(BlobReceipt receipt, JobState state, string? resultReference, string? error, DateTimeOffset started, DateTimeOffset now) =>
        GuardStatusAsync(receipt.JobId, token => _storage.Statuses.CompleteAsync(
            new JobStatus(receipt.JobId, _options.EffectiveJobType, state, state == JobState.Succeeded ? 100 : 0, resultReference, error, receipt.CreatedAt, now, started, now, receipt.Attempts),
            token));

    private Task WriteStatusAsync(string jobId, Func<JobStatus, JobStatus> change) =>
        GuardStatusAsync(jobId, token => _storage.Statuses.UpdateAsync(jobId, _options.EffectiveJobType, change, token, clock: _clock));

    /// <summary>A status write is best effort: the receipt, not the status, decides what runs again.</summary>
    private async Task GuardStatusAsync(string jobId, Func<CancellationToken, Task> write)
    {
        try
        {
            using var budget = new CancellationTokenSource(JobDefaults.CompletionTimeout, _clock);
            await write(budget.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is JobStorageException or OperationCanceledException or InvalidDataException)
        {
            BlobTriggerLog.StatusNotWritten(_logger, Name, jobId, exception.Message);
        }
    }

    private static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;
    }

    /// <summary>The claim as last written by the attempt's renewals.</summary>
    private sealed class ClaimHolder(Document<BlobReceipt> claim)
    {
        public Document<BlobReceipt> Current { get; set; } = claim;

        public bool Lost { get; set; }
    }
}
