namespace BackgroundRoles.Dashboard;

/// <summary>A role: the instance count it should have and the instances it has.</summary>
public sealed record RoleView(string Name, int TargetCount, IReadOnlyList<InstanceView> Instances);
