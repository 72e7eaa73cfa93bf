using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// The repository's csdef, Local cscfg and startup tasks copied to a temporary folder for one benchmark (as
/// Tests/Shared/ServiceCopy does): <c>StorageConnectionString</c> pointing at the benchmark's own Azurite, each role's
/// instance count set, and the web role's InputEndpoint port (8080 in the csdef) replaced by a port that was free a
/// moment ago, so that the benchmark's load balancer never takes 8080 from someone else's <c>./cloudservice run</c>.
/// Deleted when disposed.
/// </summary>
internal sealed partial class BenchmarkService : IDisposable
{
    public const string CsdefName = "ServiceDefinition.csdef";
    public const string CscfgName = "ServiceConfiguration.Benchmark.cscfg";
    private const string LocalCscfg = "ServiceConfiguration.Local.cscfg";
    private const string CsdefPort = "port=\"8080\"";
    private int _states;

    private BenchmarkService(string root, DirectoryInfo directory)
    {
        Root = root;
        Directory = directory.FullName;
    }

    /// <summary>The repository root (where <c>./cloudservice</c> is).</summary>
    public string Root { get; }

    /// <summary>The temporary folder with the copy: the service root of every command run here.</summary>
    public string Directory { get; }

    public string Csdef => Path.Combine(Directory, CsdefName);

    public string Cscfg => Path.Combine(Directory, CscfgName);

    /// <summary>The <c>./cloudservice</c> script of the repository.</summary>
    public string Script => Path.Combine(Root, "cloudservice");

    public static BenchmarkService Create(string root, string connectionString, int webInstances, int workerInstances)
    {
        DirectoryInfo directory = System.IO.Directory.CreateTempSubdirectory("backgroundroles-bench-service-");
        try
        {
            string csdef = File.ReadAllText(Path.Combine(root, CsdefName));
            if (!csdef.Contains(CsdefPort, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{CsdefName} no longer declares {CsdefPort}; update {nameof(BenchmarkService)}.");
            }

            File.WriteAllText(Path.Combine(directory.FullName, CsdefName), csdef.Replace(CsdefPort, $"port=\"{FreePort()}\"", StringComparison.Ordinal));
            DirectoryInfo tasks = directory.CreateSubdirectory("StartupTasks");
            foreach (var script in System.IO.Directory.GetFiles(Path.Combine(root, "StartupTasks")))
            {
                // File.Copy keeps the script's permissions (its executable bit) on Unix.
                File.Copy(script, Path.Combine(tasks.FullName, Path.GetFileName(script)));
            }

            string cscfg = File.ReadAllText(Path.Combine(root, LocalCscfg));
            string before = cscfg;
            cscfg = StorageSetting().Replace(cscfg, $"<Setting name=\"StorageConnectionString\" value=\"{connectionString}\" />");
            if (cscfg == before)
            {
                throw new InvalidOperationException($"{LocalCscfg} has no StorageConnectionString setting.");
            }

            cscfg = SetInstances(cscfg, "WebRole", webInstances);
            cscfg = SetInstances(cscfg, "WorkerRole", workerInstances);
            File.WriteAllText(Path.Combine(directory.FullName, CscfgName), cscfg);
            return new BenchmarkService(root, directory);
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>A new, empty state folder inside the copy (the emulator's <c>--state-dir</c>).</summary>
    public string NewStateDirectory() => System.IO.Directory.CreateDirectory(Path.Combine(Directory, $"state-{++_states}")).FullName;

    /// <summary>Starts <c>./cloudservice ARGS</c> in the copy's folder.</summary>
    public TimedProcess Start(IEnumerable<string> arguments, string readyMarker) => TimedProcess.Start(Directory, Script, arguments, readyMarker);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived the benchmark may still hold a file; the temporary folder is reclaimed later.
        }
    }

    private static string SetInstances(string cscfg, string role, int count)
    {
        var pattern = new Regex($"(<Role name=\"{role}\">\\s*<Instances count=\")\\d+(\" />)");
        if (!pattern.IsMatch(cscfg))
        {
            throw new InvalidOperationException($"{LocalCscfg} has no Instances element for {role}.");
        }

        return pattern.Replace(cscfg, $"${{1}}{count}${{2}}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("<Setting name=\"StorageConnectionString\" value=\"[^\"]*\" />")]
    private static partial Regex StorageSetting();
}
