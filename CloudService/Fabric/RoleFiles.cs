using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>
/// Where a role's files are when one of its instances starts: <paramref name="AppRoot"/> holds the program (a .NET
/// role's build, or a ProgramEntryPoint role's folder) and <paramref name="StartupDirectory"/> is the folder its
/// startup tasks run in, their command lines relative to it.
/// </summary>
/// <remarks>
/// In a package (what <c>run</c> runs) both are the role's approot, as on the platform. Without one (<c>host</c>
/// straight from a build) the program comes from the build output and the service's folder stands in for the
/// approot's startup tasks.
/// </remarks>
public sealed record RoleFiles(string AppRoot, string StartupDirectory)
{
    /// <summary>The package these files are in (its id), or null for a build output.</summary>
    public string? PackageId { get; init; }

    /// <summary>A role's approot in the package <paramref name="packageId"/>.</summary>
    public static RoleFiles InPackage(string approot, string? packageId = null) => new(approot, approot) { PackageId = packageId };

    /// <summary>A role straight from its build output (<see cref="FabricLayout.BuildOutput"/>).</summary>
    public static RoleFiles FromBuild(RoleDefinition role, FabricLayout layout) =>
        role.Runtime?.EntryPoint is ProgramEntryPoint
            ? new RoleFiles(Path.Combine(layout.ServiceRoot, role.Name), layout.ServiceRoot)
            : new RoleFiles(layout.BuildOutput(ProjectName(role)), layout.ServiceRoot);

    /// <summary>The assembly a .NET role runs: the csdef's NetFxEntryPoint, else one named for the role.</summary>
    public static string AssemblyFile(RoleDefinition role) =>
        (role.Runtime?.EntryPoint as NetFxEntryPoint)?.AssemblyName ?? role.Name + ".dll";

    /// <summary>The project that builds a .NET role: named for its assembly.</summary>
    public static string ProjectName(RoleDefinition role) => Path.GetFileNameWithoutExtension(AssemblyFile(role));
}
