using BackgroundRoles.Jobs.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Queues;

/// <summary>Stopping in stages: let in-flight handlers finish, then hand their messages back, then let them end.</summary>
internal sealed class StopDrain(QueueProcessorOptions options, StopRelease release, ILogger logger)
{
    /// <summary>
    /// In order (the stages of <see cref="Supervision.StopStages"/>): wait up to
    /// <see cref="QueueProcessorOptions.DrainTimeout"/> for in-flight handlers; cancel the rest and, each under the
    /// release token (<see cref="QueueProcessorOptions.ReleaseTimeout"/>, not the cancelled processing token), set
    /// its status back to Queued with the attempt and release its message with visibility 0 (another instance may
    /// take it at once, and the handler's own late completion then changes nothing); then wait up to
    /// <see cref="QueueProcessorOptions.HandlerGrace"/> for the cancelled handlers to end, and log any that do not.
    /// </summary>
    public async Task DrainAsync(IReadOnlyCollection<InFlightJob> jobs, CancellationTokenSource processing, TimeProvider timeProvider)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        ListenerLog.Draining(logger, options.Name, jobs.Count, options.DrainTimeout);
        var all = Task.WhenAll(jobs.Select(job => job.Completion));
        if (await CompletesWithinAsync(all, options.DrainTimeout, timeProvider).ConfigureAwait(false))
        {
            return;
        }

        var unfinished = jobs.Where(job => !job.Completion.IsCompleted).ToArray();
        ListenerLog.DrainTimedOut(logger, options.Name, unfinished.Length);
        await processing.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(unfinished.Select(job => release.ReleaseAsync(job, timeProvider))).ConfigureAwait(false);
        if (!await CompletesWithinAsync(all, options.HandlerGrace, timeProvider).ConfigureAwait(false))
        {
            ListenerLog.HandlersLeaked(logger, options.Name, jobs.Count(job => !job.Completion.IsCompleted), options.HandlerGrace);
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
        catch (Exception exception) when (!Fatal.IsFatal(exception))
        {
            // A job's processing handles its own failures; whatever escapes it still means the job has ended.
            return true;
        }
    }
}
