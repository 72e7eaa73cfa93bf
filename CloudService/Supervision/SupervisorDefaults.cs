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

    /// <summary>Part of a stop budget kept back so the caller still has time after the stop: 5 seconds.</summary>
    public static readonly TimeSpan StopSafetyMargin = TimeSpan.FromSeconds(5);

    /// <summary>The stop budget used when the token passed to <see cref="Supervisor.RunAsync"/> is cancelled: 30 seconds.</summary>
    public static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(30);

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
