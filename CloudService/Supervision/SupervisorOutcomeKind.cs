namespace BackgroundRoles.Supervision;

/// <summary>How <see cref="Supervisor.RunAsync"/> ended.</summary>
public enum SupervisorOutcomeKind
{
    /// <summary>Stopped by <see cref="Supervisor.StopAsync"/> or by the stop token.</summary>
    Stopped,

    /// <summary>Every task was cancelled because of a restart storm or corrupt state; the role should recycle.</summary>
    Escalated,
}
