namespace BackgroundRoles.ServiceRuntime;

/// <summary>One instance of a role.</summary>
public sealed class RoleInstance
{
    internal RoleInstance(string id, string roleName, int updateDomain, int faultDomain, IReadOnlyDictionary<string, RoleInstanceEndpoint> endpoints)
    {
        Id = id;
        RoleName = roleName;
        UpdateDomain = updateDomain;
        FaultDomain = faultDomain;
        InstanceEndpoints = endpoints;
    }

    /// <summary>The instance id, <c>&lt;Role&gt;_IN_&lt;N&gt;</c>.</summary>
    public string Id { get; }

    /// <summary>The name of the instance's role.</summary>
    public string RoleName { get; }

    /// <summary>The role this instance belongs to.</summary>
    public Role Role { get; internal set; } = null!;

    public int UpdateDomain { get; }

    public int FaultDomain { get; }

    /// <summary>The instance's endpoints by name.</summary>
    public IReadOnlyDictionary<string, RoleInstanceEndpoint> InstanceEndpoints { get; }
}
