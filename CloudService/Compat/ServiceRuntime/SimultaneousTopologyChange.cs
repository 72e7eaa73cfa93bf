namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>The instances of a role changed, announced to every instance at once.</summary>
public class SimultaneousTopologyChange : SimultaneousChange, IEquatable<SimultaneousTopologyChange>
{
    public SimultaneousTopologyChange(string roleName)
    {
        RoleName = roleName;
    }

    public string RoleName { get; }

    public bool Equals(SimultaneousTopologyChange? other) =>
        other is not null && string.Equals(RoleName, other.RoleName, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SimultaneousTopologyChange);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(RoleName);
}
