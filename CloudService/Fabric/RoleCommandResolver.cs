using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>
/// Finds the program that runs a role. A .NET role (NetFxEntryPoint, or no entry point: an assembly named for
/// the role) runs as its own executable from the build output, so its dependencies (native ones and the
/// ASP.NET Core framework included) load exactly as in its own build. A ProgramEntryPoint runs its command
/// line through the shell from the service folder, as non-.NET roles did.
/// </summary>
public static class RoleCommandResolver
{
    public static RoleCommand? Resolve(RoleDefinition role, FabricLayout layout, out string? error)
    {
        error = null;
        if (role.Runtime?.EntryPoint is ProgramEntryPoint program)
        {
            return new RoleCommand("/bin/sh", ["-c", program.CommandLine], layout.ServiceRoot);
        }

        var assemblyFile = (role.Runtime?.EntryPoint as NetFxEntryPoint)?.AssemblyName ?? role.Name + ".dll";
        var projectName = Path.GetFileNameWithoutExtension(assemblyFile);
        var candidates = new DirectoryInfo(Path.Combine(layout.ArtifactsDirectory, "bin", projectName)) is { Exists: true } output
            ? output.EnumerateFiles(assemblyFile, SearchOption.AllDirectories).OrderByDescending(f => f.LastWriteTimeUtc).ToList()
            : [];
        if (candidates.Count == 0)
        {
            error = $"role '{role.Name}': no build of {assemblyFile} under {Path.Combine(layout.ArtifactsDirectory, "bin", projectName)}; build the solution first (./cloudservice builds it when needed)";
            return null;
        }

        var dll = candidates[0];
        return new RoleCommand(DotnetHost(), [dll.FullName], dll.DirectoryName!);
    }

    /// <summary>The dotnet executable that runs this process, so roles run on the same runtime.</summary>
    private static string DotnetHost()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
