namespace BackgroundRoles.Supervision;

/// <summary>Where a <see cref="Supervisor"/> is in its life.</summary>
public enum SupervisorState
{
    /// <summary>Created; <see cref="Supervisor.RunAsync"/> has not started.</summary>
    Idle,

    /// <summary>Tasks are running.</summary>
    Running,

    /// <summary>Frozen: no task runs and the supervisor waits to be unfrozen or stopped.</summary>
    Frozen,

    /// <summary>A restart storm or corrupt state cancelled every task; the role should recycle.</summary>
    Escalated,

    /// <summary><see cref="Supervisor.StopAsync"/> is draining the tasks.</summary>
    Stopping,

    /// <summary>Stopped; nothing runs any more.</summary>
    Stopped,
}
