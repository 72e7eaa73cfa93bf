using System.Collections.ObjectModel;
using Microsoft.WindowsAzure.ServiceRuntime;

namespace BackgroundRoles.Compat.ServiceRuntime;

/// <summary>A role of one topology snapshot in the SDK's shape.</summary>
internal sealed class AdaptedRole(string name, IList<RoleInstance> instances) : Role
{
    public override string Name { get; } = name;

    public override ReadOnlyCollection<RoleInstance> Instances { get; } = new(instances);
}
