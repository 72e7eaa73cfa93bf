namespace BackgroundRoles.Fabric.Instances;

/// <summary>One instance's move in an upgrade: the spec it runs (<paramref name="From"/>) and the one it gets (<paramref name="To"/>).</summary>
internal sealed record InstanceReplacement(RoleInstanceRunner Runner, RoleInstanceSpec From, RoleInstanceSpec To)
{
    public string InstanceId => Runner.InstanceId;

    /// <summary>The move back: what a rollback does.</summary>
    public InstanceReplacement Reversed => new(Runner, To, From);
}
