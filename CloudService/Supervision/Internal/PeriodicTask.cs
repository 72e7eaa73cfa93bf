using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Supervision.Internal;

/// <summary>
/// A supervised task that starts <c>run</c> at each tick of a fixed grid (start, start + interval, ...), on the
/// task's clock. Runs never overlap: a tick while the last run goes on is skipped and logged. The task beats at
/// every tick, so its stall timeout catches a stuck loop, not a long run. A run's failure is the task's failure.
/// </summary>
internal sealed partial class PeriodicTask(string name, TimeSpan interval, Func<BackgroundTaskContext, CancellationToken, Task> run, ILogger logger) : IBackgroundTask
{
    public string Name => name;

    public async Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        TimeProvider time = context.TimeProvider;
        DateTimeOffset due = time.GetUtcNow();
        Task? running = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (running is { IsCompleted: true })
                {
                    // Ended as the tick came: it does not hold this tick back, and its failure is the task's.
                    Task ended = running;
                    running = null;
                    await ended.ConfigureAwait(false);
                }

                if (running is null)
                {
                    // On the thread pool, so a run that blocks does not block the ticks.
                    running = Task.Run(() => run(context, cancellationToken), CancellationToken.None);
                }
                else
                {
                    Log.RunSkipped(logger, Name, interval);
                }

                context.Heartbeat();
                due = NextTick(due, time.GetUtcNow());
                running = await WaitForTickAsync(running, due, time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // The task ends only once its run has: a stop never leaves a run behind unreported.
            if (running is not null)
            {
                await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private DateTimeOffset NextTick(DateTimeOffset due, DateTimeOffset now)
    {
        DateTimeOffset next = due + interval;
        while (next <= now)
        {
            next += interval;
        }

        return next;
    }

    /// <summary>Waits for the tick; a run that ends meanwhile is observed (its failure thrown) and null returned for it.</summary>
    private static async Task<Task?> WaitForTickAsync(Task? running, DateTimeOffset due, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait = due - time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return running;
            }

            using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task timer = Task.Delay(Delays.Clamp(wait), time, timerCancellation.Token);
            if (running is not null && await Task.WhenAny(running, timer).ConfigureAwait(false) == running)
            {
                // Cancel rather than just dispose, so that no stale timer stays behind on the clock.
                timerCancellation.Cancel();
                Task ended = running;
                running = null;
                await ended.ConfigureAwait(false);
                continue;
            }

            await timer.ConfigureAwait(false);
            return running;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = SupervisorEventIds.PeriodicRunSkipped, Level = LogLevel.Warning, Message = "Periodic task {TaskName}: the last run is still going at the next tick; skipping this tick (interval {Interval})")]
        public static partial void RunSkipped(ILogger logger, string taskName, TimeSpan interval);
    }
}
