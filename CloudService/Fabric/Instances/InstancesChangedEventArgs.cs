namespace BackgroundRoles.Fabric.Instances;

/// <summary>The instances of <paramref name="roleName"/> changed (state, endpoints, scale): here they all are now.</summary>
public sealed class InstancesChangedEventArgs(string roleName, IReadOnlyList<InstanceSnapshot> instances) : EventArgs
{
    public string RoleName { get; } = roleName;

    /// <summary>Every instance of the role, ordered by instance number.</summary>
    public IReadOnlyList<InstanceSnapshot> Instances { get; } = instances;
}
