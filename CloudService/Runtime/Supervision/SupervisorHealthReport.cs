namespace BackgroundRoles.Supervision;

/// <summary>
/// A role's supervisor health as the fabric shows it (<c>cloudservice status</c>): the supervisor's state and
/// a snapshot of every task. <see cref="RoleSupervisor"/> publishes one through the role environment at each change.
/// </summary>
/// <param name="State">The supervisor's state.</param>
/// <param name="Tasks">Every task's health.</param>
/// <param name="Degraded">Whether a task's decider stopped it (<see cref="Supervisor.IsDegraded"/>): the role runs without it.</param>
public sealed record SupervisorHealthReport(SupervisorState State, IReadOnlyList<TaskHealth> Tasks, bool Degraded = false);
