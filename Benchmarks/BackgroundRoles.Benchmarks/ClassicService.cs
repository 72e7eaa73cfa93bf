using System.Diagnostics;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// A copy of the one-role service of <c>Tests/TestRoles/ClassicRole</c> (its <c>Service</c> folder, as the compat tests
/// use it), a worker role written for the Cloud Services SDK and built against the compatibility assembly: the role
/// start measured with the compat assembly loaded (DiagnosticMonitor, the SDK's events, Trace routed to log4net). No
/// storage: the role makes no storage call. Deleted when disposed.
/// </summary>
internal sealed class ClassicService : IDisposable
{
    public const string CsdefName = "ServiceDefinition.csdef";
    public const string CscfgName = "ServiceConfiguration.cscfg";
    private const string RoleDll = "artifacts/bin/ClassicRole/debug/ClassicRole.dll";
    private const string ServiceFolder = "Tests/TestRoles/ClassicRole/Service";

    private ClassicService(string directory) => Directory = directory;

    /// <summary>The temporary folder with the csdef and cscfg.</summary>
    public string Directory { get; }

    public string Csdef => Path.Combine(Directory, CsdefName);

    public string Cscfg => Path.Combine(Directory, CscfgName);

    /// <summary>Writes the service; builds the role (Debug, as <c>host</c> runs it) when its build output is missing.</summary>
    public static async Task<ClassicService> CreateAsync(string root)
    {
        if (!File.Exists(Path.Combine(root, RoleDll)))
        {
            using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "Tests/TestRoles/ClassicRole/ClassicRole.csproj", "-c", "Debug", "-nologo", "-v", "q"]) { WorkingDirectory = root })!;
            await build.WaitForExitAsync().ConfigureAwait(false);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException("Building Tests/TestRoles/ClassicRole failed.");
            }
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("backgroundroles-bench-classic-").FullName;
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(root, ServiceFolder)))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        return new ClassicService(directory);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
