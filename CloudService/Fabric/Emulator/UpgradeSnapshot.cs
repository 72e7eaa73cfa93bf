namespace BackgroundRoles.Fabric.Emulator;

/// <summary>An in-place upgrade at a moment: what <c>cloudservice upgrade</c>, <c>walk-ud</c> and <c>status</c> show.</summary>
/// <param name="Slot">The slot whose deployment it upgrades.</param>
/// <param name="DeploymentId">That deployment (an in-place upgrade keeps its id).</param>
/// <param name="FromPackage">The package the deployment ran before.</param>
/// <param name="ToPackage">The package it moves to.</param>
/// <param name="Mode">Auto, or manual (<c>walk-ud</c> between domains).</param>
/// <param name="InstanceTimeout">How long each instance has to get Ready on the new package.</param>
/// <param name="State">Where the upgrade is.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Took">How long it took, once it ended; null while it goes on.</param>
/// <param name="Domains">Each update domain, in walking order.</param>
/// <param name="Log">Its progress lines, in order (also written to <c>run</c>'s output).</param>
public sealed record UpgradeSnapshot(
    DeploymentSlot Slot,
    string DeploymentId,
    string FromPackage,
    string ToPackage,
    UpgradeMode Mode,
    TimeSpan InstanceTimeout,
    UpgradeState State,
    DateTimeOffset StartedAt,
    TimeSpan? Took,
    IReadOnlyList<UpgradeDomainSnapshot> Domains,
    IReadOnlyList<string> Log)
{
    /// <summary>True once it will not change any more (completed, rolled back or cancelled).</summary>
    public bool Ended => State is UpgradeState.Completed or UpgradeState.RolledBack or UpgradeState.Cancelled;
}

/// <summary>One update domain of an upgrade.</summary>
/// <param name="Domain">The update domain's number.</param>
/// <param name="State">Where it is.</param>
/// <param name="Instances">Its instances.</param>
/// <param name="Took">How long its upgrade took (out of rotation to Ready), once done; null before.</param>
public sealed record UpgradeDomainSnapshot(int Domain, UpgradeDomainState State, IReadOnlyList<string> Instances, TimeSpan? Took);
