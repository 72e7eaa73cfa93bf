namespace BackgroundRoles.Supervision;

/// <summary>Every default of <see cref="RestartPolicy"/> and <see cref="SupervisorOptions"/>, in one place.</summary>
public static class SupervisorDefaults
{
    /// <summary>Delay before the first restart of a failure streak: 1 second.</summary>
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Cap on the restart delay: 1 minute.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    /// <summary>Whether restart delays are jittered: true.</summary>
    public const bool UseJitter = true;

    /// <summary>How long a run must last to count as healthy and reset the backoff: 1 minute.</summary>
    public static readonly TimeSpan HealthyPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Restarts allowed within <see cref="RestartWindow"/> before escalating: 10.</summary>
    public const int MaxRestarts = 10;

    /// <summary>The window over which restarts are counted: 5 minutes.</summary>
    public static readonly TimeSpan RestartWindow = TimeSpan.FromMinutes(5);

    /// <summary>How long a cancelled task may take to finish before it is reported as leaked: 10 seconds.</summary>
    public static readonly TimeSpan CancellationGrace = TimeSpan.FromSeconds(10);

    /// <summary>Whether a task is required for the supervisor to be healthy: true.</summary>
    public const bool Required = true;

    /// <summary>Share of a stop budget the host keeps for itself after the supervisor's stop (<see cref="StopStages.HostReserve"/>): 10 %.</summary>
    public const double StopHostReserveShare = 0.10;

    /// <summary>Cap on <see cref="StopStages.HostReserve"/>: 5 seconds.</summary>
    public static readonly TimeSpan MaxStopHostReserve = TimeSpan.FromSeconds(5);

    /// <summary>Share of a stop budget for handing back what unfinished work holds (<see cref="StopStages.Release"/>): 10 %.</summary>
    public const double StopReleaseShare = 0.10;

    /// <summary>Cap on <see cref="StopStages.Release"/>: 30 seconds.</summary>
    public static readonly TimeSpan MaxStopRelease = TimeSpan.FromSeconds(30);

    /// <summary>Share of a stop budget cancelled work may take to end (<see cref="StopStages.HandlerGrace"/>): 5 %.</summary>
    public const double StopHandlerGraceShare = 0.05;

    /// <summary>Cap on <see cref="StopStages.HandlerGrace"/>: 10 seconds.</summary>
    public static readonly TimeSpan MaxStopHandlerGrace = TimeSpan.FromSeconds(10);

    /// <summary>The stop budget used when the token passed to <see cref="Supervisor.RunAsync"/> is cancelled: 30 seconds.</summary>
    public static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(30);

    /// <summary>The longest error text (type, message, stack trace) a task's health keeps (<see cref="TaskHealth.LastErrorStack"/>): 4,096 characters.</summary>
    public const int MaxErrorStackChars = 4096;

    /// <summary>Consecutive failures of a task after which its failures are logged as errors: 3.</summary>
    public const int FailuresBeforeError = 3;

    /// <summary>Beyond <see cref="FailuresBeforeError"/>, every this many consecutive failures are logged again as an error: 10.</summary>
    public const int FailureReminderInterval = 10;

    /// <summary>
    /// The default corrupt-state predicate: true when the exception, any inner exception, or any exception inside
    /// an <see cref="AggregateException"/> is a <see cref="CorruptStateException"/>.
    /// </summary>
    public static bool IsCorruptState(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Contains(exception, depth: 0);

        static bool Contains(Exception? exception, int depth)
        {
            // The depth guard protects against pathological, self-referencing exception graphs.
            if (exception is null || depth > 32)
            {
                return false;
            }

            if (exception is CorruptStateException)
            {
                return true;
            }

            if (exception is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(inner => Contains(inner, depth + 1));
            }

            return Contains(exception.InnerException, depth + 1);
        }
    }
}
