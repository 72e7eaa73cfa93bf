using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Fabric.Control;

/// <summary>A running local deployment as <c>cloudservice status</c> shows it.</summary>
public sealed record DeploymentSnapshot(
    string DeploymentId,
    string ServiceName,
    DateTimeOffset StartedAt,
    bool Stopping,
    IReadOnlyList<RoleSnapshot> Roles);

/// <summary>One role: how many instances it should have and the ones it has.</summary>
public sealed record RoleSnapshot(string Name, int InstanceCount, IReadOnlyList<InstanceSnapshot> Instances)
{
    /// <summary>Its scheduled jobs and singleton tasks, when it has any (or why they could not be read).</summary>
    public RoleCoordination? Coordination { get; init; }
}
