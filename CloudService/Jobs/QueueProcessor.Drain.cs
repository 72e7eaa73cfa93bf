namespace BackgroundRoles.Jobs;

/// <summary>Stopping in stages: let in-flight handlers finish, then hand their messages back, then let them end.</summary>
public sealed partial class QueueProcessor
{
    /// <summary>
    /// In order (the stages of <see cref="Supervision.StopStages"/>): wait up to
    /// <see cref="QueueProcessorOptions.DrainTimeout"/> for in-flight handlers; cancel the rest and, each under the
    /// release token (<see cref="QueueProcessorOptions.ReleaseTimeout"/>, not the cancelled processing token), set
    /// its status back to Queued with the attempt and release its message with visibility 0 (another instance may
    /// take it at once, and the handler's own late completion then changes nothing); then wait up to
    /// <see cref="QueueProcessorOptions.HandlerGrace"/> for the cancelled handlers to end, and log any that do not.
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
        await Task.WhenAll(unfinished.Select(ReleaseOnStopAsync)).ConfigureAwait(false);
        if (!await CompletesWithinAsync(all, _options.HandlerGrace, timeProvider).ConfigureAwait(false))
        {
            Log.HandlersLeaked(_logger, Name, jobs.Count(job => !job.Completion.IsCompleted), _options.HandlerGrace);
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
