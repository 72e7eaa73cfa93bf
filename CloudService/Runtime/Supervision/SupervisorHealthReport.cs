namespace BackgroundRoles.Supervision;

/// <summary>
/// A role's supervisor health as the fabric shows it (<c>cloudservice status</c>): the supervisor's state and
/// a snapshot of every task. <see cref="RoleSupervisor"/> publishes one through the role environment at each change.
/// </summary>
public sealed record SupervisorHealthReport(SupervisorState State, IReadOnlyList<TaskHealth> Tasks);
