using BackgroundRoles.Hosting;
using BackgroundRoles.Supervision;

namespace BackgroundRoles.Fabric.Instances;

/// <summary>One role instance as the fabric sees it at a moment: what <c>cloudservice status</c> shows and what a load balancer routes by.</summary>
/// <param name="InstanceId"><c>&lt;Role&gt;_IN_&lt;N&gt;</c>.</param>
/// <param name="RoleName">The role.</param>
/// <param name="State">Where the instance is; route only to <see cref="InstanceState.Ready"/>.</param>
/// <param name="Detail">What it is doing in that state (a startup task, the restart delay), or null.</param>
/// <param name="UpdateDomain">The instance's update domain.</param>
/// <param name="FaultDomain">The instance's fault domain.</param>
/// <param name="Restarts">How many times the fabric started it again.</param>
/// <param name="ProcessId">The role process, while there is one.</param>
/// <param name="LastExitCode">The exit code of the last role process, or null.</param>
/// <param name="StateSince">When it entered <paramref name="State"/>.</param>
/// <param name="NextStartAt">When it starts again, while <see cref="InstanceState.Recycling"/>.</param>
/// <param name="Endpoints">Its endpoints (loopback address and port).</param>
/// <param name="Health">The supervisor health the role last published, or null.</param>
public sealed record InstanceSnapshot(
    string InstanceId,
    string RoleName,
    InstanceState State,
    string? Detail,
    int UpdateDomain,
    int FaultDomain,
    int Restarts,
    int? ProcessId,
    int? LastExitCode,
    DateTimeOffset StateSince,
    DateTimeOffset? NextStartAt,
    IReadOnlyList<EndpointDescriptor> Endpoints,
    SupervisorHealthReport? Health)
{
    /// <summary>When its current (or last) role process started, or null before the first.</summary>
    public DateTimeOffset? LastStartedAt { get; init; }

    /// <summary>
    /// True when a swap may move it: Ready, Busy (from a StatusCheck, not in OnStart) or Frozen, and not restarted within the settle time
    /// (<see cref="LocalDeploymentOptions.SettleTime"/>).
    /// </summary>
    public bool Stable { get; init; }

    /// <summary>The package its role process runs from (the one it starts from next while none runs), or null for a build output.</summary>
    public string? Package { get; init; }

    /// <summary>True while an upgrade keeps it out of the load balancer's rotation (from before its stop until it is Ready again).</summary>
    public bool OutOfRotation { get; init; }
}
