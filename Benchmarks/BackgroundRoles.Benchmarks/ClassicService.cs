using System.Diagnostics;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// A one-role service for <c>Tests/TestRoles/ClassicRole</c>, a worker role written for the Cloud Services SDK and built
/// against the compatibility assembly: the role start measured with the compat assembly loaded (DiagnosticMonitor,
/// the SDK's events, Trace routed to log4net). No storage: the role makes no storage call. Deleted when disposed.
/// </summary>
internal sealed class ClassicService : IDisposable
{
    public const string CsdefName = "ServiceDefinition.csdef";
    public const string CscfgName = "ServiceConfiguration.cscfg";
    private const string RoleDll = "artifacts/bin/ClassicRole/debug/ClassicRole.dll";

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
        File.WriteAllText(Path.Combine(directory, CsdefName), """
            <?xml version="1.0" encoding="utf-8"?>
            <ServiceDefinition name="ClassicService" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceDefinition">
              <WorkerRole name="ClassicRole" vmsize="Small">
                <Imports>
                  <Import moduleName="Diagnostics" />
                </Imports>
                <ConfigurationSettings>
                  <Setting name="Greeting" />
                </ConfigurationSettings>
                <LocalResources>
                  <LocalStorage name="CustomLogs" sizeInMB="10" cleanOnRoleRecycle="false" />
                </LocalResources>
                <Runtime>
                  <EntryPoint>
                    <NetFxEntryPoint assemblyName="ClassicRole.dll" targetFrameworkVersion="v10.0" />
                  </EntryPoint>
                </Runtime>
              </WorkerRole>
            </ServiceDefinition>
            """);
        // The diagnostics connection string is a named setting the SDK's template reads; no storage is contacted.
        File.WriteAllText(Path.Combine(directory, CscfgName), """
            <?xml version="1.0" encoding="utf-8"?>
            <ServiceConfiguration serviceName="ClassicService" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration" osFamily="7" osVersion="*">
              <Role name="ClassicRole">
                <Instances count="1" />
                <ConfigurationSettings>
                  <Setting name="Greeting" value="hello" />
                  <Setting name="Microsoft.WindowsAzure.Plugins.Diagnostics.ConnectionString" value="DefaultEndpointsProtocol=https;AccountName=benchmark" />
                </ConfigurationSettings>
              </Role>
            </ServiceConfiguration>
            """);
        return new ClassicService(directory);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
