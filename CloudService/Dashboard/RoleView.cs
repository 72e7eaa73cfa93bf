namespace BackgroundRoles.Dashboard;

/// <summary>A role: the instance count it should have and the instances it has.</summary>
public sealed record RoleView(string Name, int TargetCount, IReadOnlyList<InstanceView> Instances)
{
    /// <summary>The role's autoscale rule and the emulator's last decision for it; null when no rule applies to it.</summary>
    public AutoscaleRuleView? Autoscale { get; init; }
}
