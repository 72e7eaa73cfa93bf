namespace BackgroundRoles.Dashboard;

/// <summary>Everything the overview shows at one moment.</summary>
/// <param name="Deployments">The running deployments (one per slot, once slots exist).</param>
/// <param name="TakenAt">When the snapshot was taken, for the uptimes.</param>
public sealed record DashboardSnapshot(IReadOnlyList<DeploymentView> Deployments, DateTimeOffset TakenAt)
{
    /// <summary>Whether the emulator applies autoscale rules (to the production deployment only).</summary>
    public AutoscaleMode Autoscale { get; init; }
}
