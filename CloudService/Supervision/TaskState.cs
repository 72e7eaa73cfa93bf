namespace BackgroundRoles.Supervision;

/// <summary>Where one supervised task is.</summary>
public enum TaskState
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Failed; waiting for its restart delay.</summary>
    BackingOff,

    /// <summary>Missed its heartbeat; being cancelled so it can be restarted.</summary>
    Stalled,

    /// <summary>Cancelled by a stop, freeze or escalation; waiting for it to finish.</summary>
    Stopping,

    /// <summary>Finished after being cancelled.</summary>
    Stopped,

    /// <summary>Ignored cancellation for longer than its grace; the supervisor goes on without it.</summary>
    Leaked,

    /// <summary>Parked because the supervisor is frozen.</summary>
    Frozen,

    /// <summary>Caused an escalation (restart storm, corrupt state or fatal error) and will not be restarted.</summary>
    Faulted,

    /// <summary>Stopped by its decider (<see cref="TaskDirective.Stop"/>); not restarted for the life of the supervisor, and the role is degraded.</summary>
    Degraded,
}
