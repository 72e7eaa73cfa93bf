namespace BackgroundRoles.ServiceRuntime;

/// <summary>A role of the deployment and the instances the current instance knows of.</summary>
public sealed class Role
{
    internal Role(string name, IReadOnlyList<RoleInstance> instances)
    {
        Name = name;
        Instances = instances;
    }

    public string Name { get; }

    public IReadOnlyList<RoleInstance> Instances { get; }
}
