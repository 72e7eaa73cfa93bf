using BackgroundRoles.Supervision.Internal;

namespace BackgroundRoles.Supervision;

/// <summary>What a background task gets from its supervisor for one run (one start, or one restart).</summary>
public sealed class BackgroundTaskContext
{
    private readonly TaskRunner _runner;

    internal BackgroundTaskContext(TaskRunner runner, int attempt, TimeProvider timeProvider)
    {
        _runner = runner;
        Attempt = attempt;
        TimeProvider = timeProvider;
    }

    /// <summary>The task's name.</summary>
    public string TaskName => _runner.Name;

    /// <summary>Which start of the task this run is: 1 for the first start, 2 after the first restart, and so on.</summary>
    public int Attempt { get; }

    /// <summary>The supervisor's clock; use it for the task's own delays so tests can drive time.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Reports that the task is making progress. A task whose policy has a <see cref="RestartPolicy.StallTimeout"/>
    /// must call this at least that often, or it is cancelled and restarted. Calls from a run that the supervisor
    /// has already given up on are ignored.
    /// </summary>
    public void Heartbeat() => _runner.RecordHeartbeat(Attempt);
}
