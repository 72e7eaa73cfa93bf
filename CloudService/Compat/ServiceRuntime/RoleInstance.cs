namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>An instance of a role, as the SDK shaped it: an abstract base, so tests can derive their own.</summary>
public abstract class RoleInstance
{
    /// <summary>The instance id, <c>&lt;Role&gt;_IN_&lt;N&gt;</c>.</summary>
    public abstract string Id { get; }

    /// <summary>The role this instance belongs to.</summary>
    public abstract Role Role { get; }

    public abstract int UpdateDomain { get; }

    public abstract int FaultDomain { get; }

    /// <summary>The instance's endpoints by name (read-only).</summary>
    public abstract IDictionary<string, RoleInstanceEndpoint> InstanceEndpoints { get; }

    /// <summary>The instance's virtual IP groups; empty, since a local deployment has no load-balanced VIP groups.</summary>
    public abstract IDictionary<string, VirtualIPGroup> VirtualIPGroups { get; }
}
