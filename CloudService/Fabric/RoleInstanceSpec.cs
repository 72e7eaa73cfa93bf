using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>Everything needed to start one role instance process.</summary>
/// <param name="Descriptor">What the instance learns about itself through the role environment.</param>
/// <param name="Command">The program that runs the role.</param>
/// <param name="EnvironmentVariables">The csdef's Runtime/Environment variables, resolved.</param>
/// <param name="CleanOnStart">Local resources declared with cleanOnRoleRecycle (the default): emptied before each start.</param>
public sealed record RoleInstanceSpec(
    RoleInstanceDescriptor Descriptor,
    RoleCommand Command,
    IReadOnlyDictionary<string, string> EnvironmentVariables,
    IReadOnlyList<string> CleanOnStart)
{
    /// <summary>The csdef's Runtime/Environment variables as declared, resolved again when the settings change.</summary>
    public IReadOnlyList<EnvironmentVariable> DeclaredEnvironment { get; init; } = [];

    /// <summary>The role's startup tasks, in csdef order; their variables are resolved at each start.</summary>
    public IReadOnlyList<StartupTask> StartupTasks { get; init; } = [];

    /// <summary>The folder startup tasks run in and their command lines are relative to (<see cref="RoleFiles.StartupDirectory"/>).</summary>
    public string StartupDirectory { get; init; } = Command.WorkingDirectory;

    /// <summary>
    /// True when the role declares an internal endpoint: only then does a topology change (a scale of any role) raise
    /// Changing and Changed in its instances, as on the platform ("at least one internal endpoint must be defined for a
    /// role in order to raise a RoleEnvironmentTopologyChange"). Default: true.
    /// </summary>
    public bool RaisesTopologyChanges { get; init; } = true;

    /// <summary>The package the role's files come from (its id), or null when they come from a build output.</summary>
    public string? PackageId { get; init; }

    /// <summary>The same instance with new configuration settings, its environment variables resolved again.</summary>
    public RoleInstanceSpec WithSettings(IReadOnlyDictionary<string, string> settings)
    {
        var descriptor = Descriptor with { Settings = new Dictionary<string, string>(settings, StringComparer.Ordinal) };
        var variables = DeclaredEnvironment.Count == 0 ? EnvironmentVariables : EnvironmentResolver.Resolve(DeclaredEnvironment, descriptor, new List<string>());
        return this with { Descriptor = descriptor, EnvironmentVariables = variables };
    }

    /// <summary>
    /// The same instance with the deployment's new topology (no RoleInstanceValue xpath reads it); this very spec when
    /// no role's instances differ, so that an unchanged topology is not sent again.
    /// </summary>
    public RoleInstanceSpec WithTopology(IReadOnlyList<RoleTopologyDescriptor> roles) =>
        RoleTopology.ChangedRoles(Descriptor.Roles, roles).Count == 0 ? this : this with { Descriptor = Descriptor with { Roles = roles } };
}

/// <summary>A program and its arguments, started in <paramref name="WorkingDirectory"/>.</summary>
public sealed record RoleCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory);
