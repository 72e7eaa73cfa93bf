using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric.Packaging;

/// <summary>
/// What cspack did: every role of the csdef put into its own <c>approot</c> of a new deployment folder, with the
/// service's StartupTasks beside it and the csdef and cscfg at the top, then made read-only. Deployments are
/// snapshots: a new package never changes an older one, and a rebuild never changes a package, so two versions
/// can run side by side.
/// </summary>
/// <remarks>
/// Layout: <c>&lt;state&gt;/deployments/&lt;id&gt;/</c> with <c>ServiceDefinition.csdef</c>,
/// <c>ServiceConfiguration.cscfg</c>, <c>deployment.json</c> and <c>roles/&lt;Role&gt;/approot/</c> holding the
/// role's build (<see cref="RoleSource"/>) or, for a ProgramEntryPoint role, its folder's files, plus
/// <c>approot/StartupTasks/</c>. Only this platform's native assets are kept (<see cref="PlatformRuntimes"/>).
/// A package that <c>run</c> makes for itself is named <c>run-…</c>, records its process and is removed when that
/// run ends, or by the next run if it was killed.
/// </remarks>
public sealed class ServicePackager(FabricLayout layout, TextWriter output)
{
    /// <summary>The folder under the state folder that holds every deployment.</summary>
    public const string DeploymentsFolder = "deployments";

    public const string StartupTasksFolder = "StartupTasks";

    private const string RunPrefix = "run-";

    private string DeploymentsDirectory => Path.Combine(layout.StateDirectory, DeploymentsFolder);

    /// <summary>
    /// Packages the service; with <paramref name="forRun"/>, as the package of a running emulator (the calling process,
    /// or <paramref name="ownerProcessId"/>), removed when it is done with it or, if it was killed, by the next run.
    /// </summary>
    /// <exception cref="PackagingException">A role has no build, or its publish failed.</exception>
    public async Task<ServicePackage> PackageAsync(
        ServiceDefinition definition, string csdefPath, string cscfgPath, RoleSource source, bool forRun = false, CancellationToken cancellationToken = default, int? ownerProcessId = null)
    {
        var id = (forRun ? RunPrefix : string.Empty)
            + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var root = Path.Combine(DeploymentsDirectory, id);
        Directory.CreateDirectory(root);
        try
        {
            File.Copy(csdefPath, Path.Combine(root, ServicePackage.DefinitionFileName));
            CopyPrivate(cscfgPath, Path.Combine(root, ServicePackage.ConfigurationFileName));
            var roles = new List<PackagedRole>();
            foreach (var role in definition.Roles.Where(r => r.Kind != RoleKind.Module))
            {
                roles.Add(await PackageRoleAsync(role, root, source, cancellationToken).ConfigureAwait(false));
            }

            var package = new ServicePackage(id, root, definition.Name, DateTimeOffset.UtcNow, PlatformRuntimes.Current, roles, forRun ? ownerProcessId ?? Environment.ProcessId : null);
            package.Save();
            MakeReadOnly(root);
            return package;
        }
        catch
        {
            Remove(root);
            throw;
        }
    }

    /// <summary>The package <paramref name="reference"/> names: a folder, or the id of one under the state folder.</summary>
    /// <exception cref="PackagingException">There is no such package.</exception>
    public ServicePackage Find(string reference)
    {
        var directory = Directory.Exists(reference) ? reference : Path.Combine(DeploymentsDirectory, reference);
        if (!Directory.Exists(directory))
        {
            var known = Directory.Exists(DeploymentsDirectory)
                ? Directory.GetDirectories(DeploymentsDirectory).Select(Path.GetFileName).Where(n => !n!.StartsWith(RunPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
                : [];
            throw new PackagingException($"no package '{reference}': not a folder, nor a deployment under {DeploymentsDirectory}"
                + (known.Count == 0 ? "; make one with 'cloudservice package'" : "; the packages: " + string.Join(", ", known)));
        }

        return ServicePackage.Load(directory);
    }

    /// <summary>Removes the packages earlier runs made for themselves and could not remove (their process is gone).</summary>
    public void RemoveAbandoned()
    {
        if (!Directory.Exists(DeploymentsDirectory))
        {
            return;
        }

        foreach (var directory in Directory.GetDirectories(DeploymentsDirectory, RunPrefix + "*"))
        {
            int? owner;
            try
            {
                owner = ServicePackage.Load(directory).OwnerProcessId;
            }
            catch (PackagingException)
            {
                owner = null; // Half-written by a run that was killed while packaging.
            }

            if (owner is null || !IsAlive(owner.Value))
            {
                Remove(directory);
            }
        }
    }

    /// <summary>Deletes a package folder; one that cannot be deleted now is left to <see cref="RemoveAbandoned"/>.</summary>
    public static void Remove(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process still holds a file: the next run removes it.
        }
    }

    private async Task<PackagedRole> PackageRoleAsync(RoleDefinition role, string root, RoleSource source, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var approot = Path.Combine(root, "roles", role.Name, "approot");
        string from;
        string entryPoint;
        if (role.Runtime?.EntryPoint is ProgramEntryPoint program)
        {
            from = RoleFiles.FromBuild(role, layout).AppRoot;
            entryPoint = program.CommandLine;
        }
        else
        {
            entryPoint = RoleFiles.AssemblyFile(role);
            from = source == RoleSource.Publish
                ? await PublishAsync(role, cancellationToken).ConfigureAwait(false)
                : layout.BuildOutput(RoleFiles.ProjectName(role));
            if (!File.Exists(Path.Combine(from, entryPoint)))
            {
                throw new PackagingException($"role '{role.Name}': no build of {entryPoint} in {from}; build the solution first (./cloudservice builds it when needed)");
            }
        }

        var bytes = CopyDirectory(from, approot) + CopyDirectory(Path.Combine(layout.ServiceRoot, StartupTasksFolder), Path.Combine(approot, StartupTasksFolder));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"package: {role.Name}: {bytes / 1048576.0:F1} MB from {Path.GetRelativePath(layout.ServiceRoot, from)} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
        output.Flush();
        return new PackagedRole(role.Name, Path.GetRelativePath(root, approot), entryPoint);
    }

    /// <summary>
    /// Publishes a .NET role's project into <c>&lt;state&gt;/publish/&lt;project&gt;</c> as a deployment runs it: Release,
    /// for this machine's runtime identifier, framework-dependent, ReadyToRun (every assembly, the packages' too,
    /// precompiled, so a role instance starts and takes its first work without waiting on the JIT); returns that folder.
    /// </summary>
    private async Task<string> PublishAsync(RoleDefinition role, CancellationToken cancellationToken)
    {
        var projectName = RoleFiles.ProjectName(role);
        var project = FindProject(projectName)
            ?? throw new PackagingException($"role '{role.Name}': no project {projectName}.csproj under {layout.ServiceRoot}");
        var destination = Path.Combine(layout.StateDirectory, "publish", projectName);
        output.WriteLine($"package: {role.Name}: publishing {Path.GetRelativePath(layout.ServiceRoot, project)} (Release, ReadyToRun, {RuntimeInformation.RuntimeIdentifier})...");
        output.Flush();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-p:PublishReadyToRun=true",
            "-o", destination, "-nologo", "-v", "q", "-tl:off",
        })
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

        return destination;
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

    /// <summary>Copies a folder's files, leaving out other platforms' native assets; returns the bytes copied.</summary>
    private static long CopyDirectory(string source, string destination)
    {
        if (!Directory.Exists(source))
        {
            return 0;
        }

        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (PlatformRuntimes.IsForeign(relative))
            {
                continue;
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
            bytes += new FileInfo(target).Length;
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }

        return bytes;
    }

    /// <summary>
    /// Copies a file that holds setting values (the cscfg: connection strings, keys) so that only this user can read the
    /// copy, from its creation on (0600, then 0400 once the package is made read-only), like the instance descriptors.
    /// </summary>
    private static void CopyPrivate(string source, string target)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var to = new FileStream(target, options);
        from.CopyTo(to);
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

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
