namespace BackgroundRoles.Supervision;

/// <summary>Why <see cref="Supervisor.RunAsync"/> returned.</summary>
/// <param name="Kind">Stopped, or Escalated (the role should recycle).</param>
/// <param name="Reason">Why it escalated; null when stopped.</param>
/// <param name="TaskName">The task that caused the escalation; null when stopped.</param>
/// <param name="Exception">The task's exception that caused the escalation, if any.</param>
public sealed record SupervisorOutcome(SupervisorOutcomeKind Kind, EscalationReason? Reason, string? TaskName, Exception? Exception)
{
    internal static SupervisorOutcome Stopped { get; } = new(SupervisorOutcomeKind.Stopped, null, null, null);
}
