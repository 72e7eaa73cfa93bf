using System.Collections.ObjectModel;

namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>A role of the deployment and the instances the current instance knows of.</summary>
public abstract class Role
{
    /// <summary>The role's name in the csdef.</summary>
    public abstract string Name { get; }

    public abstract ReadOnlyCollection<RoleInstance> Instances { get; }
}
