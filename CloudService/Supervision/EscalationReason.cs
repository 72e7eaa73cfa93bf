namespace BackgroundRoles.Supervision;

/// <summary>Why the supervisor escalated.</summary>
public enum EscalationReason
{
    /// <summary>A task needed more than <see cref="RestartPolicy.MaxRestarts"/> restarts within <see cref="RestartPolicy.RestartWindow"/>.</summary>
    RestartLimitExceeded,

    /// <summary>A task threw an exception that <see cref="SupervisorOptions.IsCorruptState"/> recognises.</summary>
    CorruptState,

    /// <summary>A task's decider (<see cref="RestartPolicy.Decider"/> or <see cref="SupervisorOptions.Decider"/>) chose <see cref="TaskDirective.Escalate"/> for an exception that is not corrupt state.</summary>
    Decided,
}
