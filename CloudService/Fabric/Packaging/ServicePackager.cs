using System.Diagnostics;
using System.Text.Json;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric.Packaging;

/// <summary>
/// What cspack did: every role of the csdef published into its own <c>approot</c> of a new deployment folder, with
/// the service's StartupTasks beside it and the csdef and cscfg at the top, then made read-only. Deployments are
/// snapshots: a new package never changes an older one, so two versions can run side by side.
/// </summary>
/// <remarks>
/// Layout: <c>&lt;state&gt;/deployments/&lt;id&gt;/</c> with <c>ServiceDefinition.csdef</c>,
/// <c>ServiceConfiguration.cscfg</c>, <c>deployment.json</c> and <c>roles/&lt;Role&gt;/approot/</c> holding
/// the role's published build (a .NET role) or its folder's files (a ProgramEntryPoint role), plus
/// <c>approot/StartupTasks/</c>.
/// </remarks>
public sealed class ServicePackager(FabricLayout layout, TextWriter output)
{
    /// <summary>The folder under the state folder that holds every deployment.</summary>
    public const string DeploymentsFolder = "deployments";

    public const string StartupTasksFolder = "StartupTasks";

    public async Task<ServicePackage> PackageAsync(ServiceDefinition definition, string csdefPath, string cscfgPath, CancellationToken cancellationToken = default)
    {
        var id = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var root = Path.Combine(layout.StateDirectory, DeploymentsFolder, id);
        Directory.CreateDirectory(root);
        File.Copy(csdefPath, Path.Combine(root, "ServiceDefinition.csdef"));
        File.Copy(cscfgPath, Path.Combine(root, "ServiceConfiguration.cscfg"));

        var roles = new List<PackagedRole>();
        foreach (var role in definition.Roles.Where(r => r.Kind != RoleKind.Module))
        {
            var started = Stopwatch.GetTimestamp();
            var approot = Path.Combine(root, "roles", role.Name, "approot");
            output.WriteLine($"package: {role.Name}: publishing...");
            output.Flush();
            var entryPoint = await PublishAsync(role, approot, cancellationToken).ConfigureAwait(false);
            CopyDirectory(Path.Combine(layout.ServiceRoot, StartupTasksFolder), Path.Combine(approot, StartupTasksFolder));
            roles.Add(new PackagedRole(role.Name, Path.GetRelativePath(root, approot), entryPoint));
            output.WriteLine($"package: {role.Name}: done in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        }

        var package = new ServicePackage(id, root, definition.Name, DateTimeOffset.UtcNow, roles);
        File.WriteAllText(Path.Combine(root, "deployment.json"), JsonSerializer.Serialize(package, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        MakeReadOnly(root);
        return package;
    }

    /// <summary>Publishes a .NET role's project, or copies a ProgramEntryPoint role's folder; returns the entry point file.</summary>
    private async Task<string> PublishAsync(RoleDefinition role, string approot, CancellationToken cancellationToken)
    {
        if (role.Runtime?.EntryPoint is ProgramEntryPoint program)
        {
            CopyDirectory(Path.Combine(layout.ServiceRoot, role.Name), approot);
            return program.CommandLine;
        }

        var assembly = (role.Runtime?.EntryPoint as NetFxEntryPoint)?.AssemblyName ?? role.Name + ".dll";
        var project = FindProject(Path.GetFileNameWithoutExtension(assembly))
            ?? throw new PackagingException($"role '{role.Name}': no project {Path.GetFileNameWithoutExtension(assembly)}.csproj under {layout.ServiceRoot}");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", approot, "-nologo", "-v", "q", "-tl:off" })
        {
            start.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(start) ?? throw new PackagingException("could not start dotnet publish");
        var stdout = publish.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = publish.StandardError.ReadToEndAsync(cancellationToken);
        await publish.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (publish.ExitCode != 0)
        {
            throw new PackagingException($"role '{role.Name}': dotnet publish failed:{Environment.NewLine}{await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
        }

        return assembly;
    }

    private string? FindProject(string projectName)
    {
        var conventional = Path.Combine(layout.ServiceRoot, projectName, projectName + ".csproj");
        if (File.Exists(conventional))
        {
            return conventional;
        }

        return Directory.EnumerateFiles(layout.ServiceRoot, projectName + ".csproj", SearchOption.AllDirectories)
            .FirstOrDefault(p => !p.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.StartsWith(layout.StateDirectory, StringComparison.Ordinal));
    }

    private static void CopyDirectory(string source, string destination)
    {
        if (!Directory.Exists(source))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }
    }

    /// <summary>Takes the write bits off every file: a deployment is a snapshot.</summary>
    private static void MakeReadOnly(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, File.GetUnixFileMode(file) & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        }
    }
}
