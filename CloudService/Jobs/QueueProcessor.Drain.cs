namespace BackgroundRoles.Jobs;

/// <summary>Stopping in tiers: let in-flight handlers finish, then cancel them, then hand their messages back.</summary>
public sealed partial class QueueProcessor
{
    /// <summary>
    /// In order: wait up to <see cref="QueueProcessorOptions.DrainTimeout"/> for in-flight handlers; cancel the
    /// rest and release each of their messages with visibility 0 (another instance may take it at once, and the
    /// handler's own late completion then changes nothing); wait up to
    /// <see cref="QueueProcessorOptions.CompletionTimeout"/> for the cancelled handlers to end, and log any that do not.
    /// </summary>
    private async Task DrainAsync(CancellationTokenSource processing, TimeProvider timeProvider)
    {
        var jobs = _inFlight.Keys.ToArray();
        if (jobs.Length == 0)
        {
            return;
        }

        Log.Draining(_logger, Name, jobs.Length, _options.DrainTimeout);
        var all = Task.WhenAll(jobs.Select(job => job.Completion));
        if (await CompletesWithinAsync(all, _options.DrainTimeout, timeProvider).ConfigureAwait(false))
        {
            return;
        }

        var unfinished = jobs.Where(job => !job.Completion.IsCompleted).ToArray();
        Log.DrainTimedOut(_logger, Name, unfinished.Length);
        await processing.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(unfinished.Select(ReleaseUnfinishedAsync)).ConfigureAwait(false);
        if (!await CompletesWithinAsync(all, _options.CompletionTimeout, timeProvider).ConfigureAwait(false))
        {
            Log.HandlersLeaked(_logger, Name, jobs.Count(job => !job.Completion.IsCompleted));
        }
    }

    private async Task ReleaseUnfinishedAsync(Internal.InFlightJob job)
    {
        try
        {
            await ReleaseOnStopAsync(job).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The handler finished and cleaned up in the meantime: nothing left to release.
        }
        catch (Exception exception) when (exception is JobStorageException or OperationCanceledException)
        {
            // The message comes back by itself when its visibility timeout ends.
            Log.ProcessingFailed(_logger, job.Lease.MessageId, job.Lease.QueueName, exception);
        }
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout, TimeProvider timeProvider)
    {
        try
        {
            await task.WaitAsync(timeout, timeProvider).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception exception) when (!Internal.Fatal.IsFatal(exception))
        {
            // ProcessAsync handles its own failures; whatever escapes it still means the job has ended.
            return true;
        }
    }
}
