using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>
/// Finds the program that runs a role in its <see cref="RoleFiles.AppRoot"/>. A .NET role (NetFxEntryPoint, or no
/// entry point: an assembly named for the role) runs as its own executable, so its dependencies (native ones and
/// the ASP.NET Core framework included) load exactly as in its own build. A ProgramEntryPoint runs its command line
/// through the shell in the approot, as non-.NET roles did.
/// </summary>
public static class RoleCommandResolver
{
    public static RoleCommand? Resolve(RoleDefinition role, RoleFiles files, out string? error)
    {
        error = null;
        if (role.Runtime?.EntryPoint is ProgramEntryPoint program)
        {
            return new RoleCommand("/bin/sh", ["-c", program.CommandLine], files.AppRoot);
        }

        var assembly = Path.Combine(files.AppRoot, RoleFiles.AssemblyFile(role));
        if (!File.Exists(assembly))
        {
            error = $"role '{role.Name}': no build of {RoleFiles.AssemblyFile(role)} in {files.AppRoot}; build the solution first (./cloudservice builds it when needed)";
            return null;
        }

        return new RoleCommand(DotnetHost(), [assembly], files.AppRoot);
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
