using BackgroundRoles.Fabric.Emulator;
using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Fabric.Control;

/// <summary>A running local deployment as <c>cloudservice status</c> shows it.</summary>
public sealed record DeploymentSnapshot(
    string DeploymentId,
    string ServiceName,
    DateTimeOffset StartedAt,
    bool Stopping,
    IReadOnlyList<RoleSnapshot> Roles)
{
    /// <summary>The slot it is in, under the emulator.</summary>
    public DeploymentSlot? Slot { get; init; }

    /// <summary>The public endpoints of its slot's address.</summary>
    public IReadOnlyList<PublicEndpoint>? PublicEndpoints { get; init; }

    /// <summary>In <c>GET /status</c>, whose top level is production: the staging slot's deployment, or null when it is empty.</summary>
    public DeploymentSnapshot? Staging { get; init; }

    /// <summary>Its current or last in-place upgrade, or null.</summary>
    public UpgradeSnapshot? Upgrade { get; init; }

    /// <summary>In <c>GET /status</c>: the operation that holds the emulator's lock now, or null.</summary>
    public string? Operation { get; init; }
}

/// <summary>One role: how many instances it should have and the ones it has.</summary>
public sealed record RoleSnapshot(string Name, int InstanceCount, IReadOnlyList<InstanceSnapshot> Instances)
{
    /// <summary>Its scheduled jobs and singleton tasks, when it has any (or why they could not be read).</summary>
    public RoleCoordination? Coordination { get; init; }

    /// <summary>Its autoscale rule's current view (queue lengths, desired count, next allowed change), when the emulator applies one.</summary>
    public Autoscale.AutoscaleView? Autoscale { get; init; }
}
