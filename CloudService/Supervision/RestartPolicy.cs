namespace BackgroundRoles.Supervision;

/// <summary>
/// How one background task is restarted: capped exponential backoff with jitter that starts again from
/// <see cref="InitialBackoff"/> after a healthy run, and escalation after more than <see cref="MaxRestarts"/>
/// restarts within <see cref="RestartWindow"/>.
/// </summary>
public sealed record RestartPolicy
{
    /// <summary>The policy with every default.</summary>
    public static RestartPolicy Default { get; } = new();

    /// <summary>Delay before the first restart after a healthy run; it doubles with each further failure. Default: 1 second.</summary>
    public TimeSpan InitialBackoff { get; init; } = SupervisorDefaults.InitialBackoff;

    /// <summary>Cap on the restart delay. Default: 1 minute.</summary>
    public TimeSpan MaxBackoff { get; init; } = SupervisorDefaults.MaxBackoff;

    /// <summary>Whether restart delays are jittered so that tasks failing together do not restart together. Default: true.</summary>
    public bool UseJitter { get; init; } = SupervisorDefaults.UseJitter;

    /// <summary>How long a run must last to count as healthy: the next failure then backs off from <see cref="InitialBackoff"/> again. Default: 1 minute.</summary>
    public TimeSpan HealthyPeriod { get; init; } = SupervisorDefaults.HealthyPeriod;

    /// <summary>
    /// Restarts allowed within <see cref="RestartWindow"/>; one more escalates, whether or not the task is
    /// <see cref="Required"/> (use <see cref="int.MaxValue"/> for a task that must never escalate). Default: 10.
    /// </summary>
    public int MaxRestarts { get; init; } = SupervisorDefaults.MaxRestarts;

    /// <summary>The sliding window over which restarts are counted. Default: 5 minutes.</summary>
    public TimeSpan RestartWindow { get; init; } = SupervisorDefaults.RestartWindow;

    /// <summary>
    /// How long the task may go without <see cref="BackgroundTaskContext.Heartbeat"/> before it is cancelled and
    /// restarted (the restart counts like any other). Default: null, no stall detection.
    /// </summary>
    public TimeSpan? StallTimeout { get; init; }

    /// <summary>How long a cancelled task may take to finish before it is reported as leaked. Default: 10 seconds.</summary>
    public TimeSpan CancellationGrace { get; init; } = SupervisorDefaults.CancellationGrace;

    /// <summary>Whether the supervisor is unhealthy while this task is not running. Default: true.</summary>
    public bool Required { get; init; } = SupervisorDefaults.Required;

    /// <summary>
    /// Decides what an exception the task threw calls for (<see cref="TaskDirective"/>): restart it, escalate, or
    /// stop it and mark the role degraded. Asked only for exceptions the task throws while it should be running, not
    /// for a stall, a return, a fatal error or a failure while it is being cancelled. Default: null, the supervisor's
    /// <see cref="SupervisorOptions.Decider"/>.
    /// </summary>
    public Func<Exception, TaskDirective>? Decider { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value that is out of range.</summary>
    internal void Validate(string paramName)
    {
        // Polly accepts a base delay of at most one day.
        Check(InitialBackoff > TimeSpan.Zero && InitialBackoff <= TimeSpan.FromDays(1), nameof(InitialBackoff), "must be more than zero and at most one day");
        Check(MaxBackoff >= InitialBackoff, nameof(MaxBackoff), "must be at least InitialBackoff");
        Check(HealthyPeriod > TimeSpan.Zero, nameof(HealthyPeriod), "must be more than zero");
        Check(MaxRestarts >= 0, nameof(MaxRestarts), "must not be negative");
        Check(RestartWindow > TimeSpan.Zero, nameof(RestartWindow), "must be more than zero");
        Check(StallTimeout is null || StallTimeout > TimeSpan.Zero, nameof(StallTimeout), "must be null or more than zero");
        Check(CancellationGrace >= TimeSpan.Zero && CancellationGrace <= TimeSpan.FromDays(1), nameof(CancellationGrace), "must be between zero and one day");

        void Check(bool valid, string property, string rule)
        {
            if (!valid)
            {
                throw new ArgumentOutOfRangeException(paramName, $"RestartPolicy.{property} {rule}.");
            }
        }
    }
}
