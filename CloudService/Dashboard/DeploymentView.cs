namespace BackgroundRoles.Dashboard;

/// <summary>A deployment as the overview shows it.</summary>
/// <param name="Id">The deployment id.</param>
/// <param name="ServiceName">The service it runs.</param>
/// <param name="Slot">Its slot (production, staging), or null where the emulator has none.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Stopping">True once it was asked to stop.</param>
/// <param name="Roles">Its roles, in csdef order.</param>
public sealed record DeploymentView(string Id, string ServiceName, string? Slot, DateTimeOffset StartedAt, bool Stopping, IReadOnlyList<RoleView> Roles);
