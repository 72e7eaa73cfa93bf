namespace BackgroundRoles.Supervision;

/// <summary>
/// What the supervisor does with a task that threw, as its decider chooses (<see cref="RestartPolicy.Decider"/>,
/// <see cref="SupervisorOptions.Decider"/>), in the spirit of akka's supervisor strategies.
/// </summary>
public enum TaskDirective
{
    /// <summary>Restart the task after its backoff, under its <see cref="RestartPolicy"/> (a restart storm still escalates).</summary>
    Restart,

    /// <summary>Cancel every task and escalate: the role's Run returns and the role recycles.</summary>
    Escalate,

    /// <summary>
    /// Stop this task for the life of the supervisor and mark the role degraded (<see cref="Supervisor.IsDegraded"/>,
    /// <see cref="TaskState.Degraded"/>); the other tasks go on and the role stays in rotation.
    /// </summary>
    Stop,
}
