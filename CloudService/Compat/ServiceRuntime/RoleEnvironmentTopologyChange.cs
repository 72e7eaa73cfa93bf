namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>The instances of a role changed (it was scaled, for example).</summary>
public class RoleEnvironmentTopologyChange : RoleEnvironmentChange, IEquatable<RoleEnvironmentTopologyChange>
{
    public RoleEnvironmentTopologyChange(string roleName)
    {
        RoleName = roleName;
    }

    public string RoleName { get; }

    public bool Equals(RoleEnvironmentTopologyChange? other) =>
        other is not null && string.Equals(RoleName, other.RoleName, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as RoleEnvironmentTopologyChange);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(RoleName);
}
