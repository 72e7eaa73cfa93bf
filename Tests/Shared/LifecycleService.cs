namespace BackgroundRoles.Tests;

/// <summary>A csdef and cscfg for the LifecycleRole test role, in a temporary folder of their own.</summary>
internal sealed class LifecycleService : IDisposable
{
    public LifecycleService()
    {
        Directory = Path.Combine(Path.GetTempPath(), "backgroundroles-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string StateDirectory => Path.Combine(Directory, "state");

    /// <summary>
    /// Writes the pair: the role behaves as <paramref name="behavior"/> (see LifecycleRole); it also declares the
    /// role's optional settings (CancelChanging, Busy, Echo, TcpEcho, Freeze; ApiToken, a secret by its name), a Scratch local resource and, when given,
    /// startup tasks and endpoints (the content of <c>&lt;Endpoints&gt;</c>), with a TCP echo server on each endpoint
    /// <paramref name="tcpEcho"/> names. With <paramref name="otherRoleEndpoints"/> (empty: none), a second role,
    /// <c>OtherRole</c>, runs the same role code with one instance and those endpoints.
    /// </summary>
    public void Write(string behavior, string stopBudget, int instances = 1, string cancelChanging = "false", string startupTasks = "", string endpoints = "", string tcpEcho = "", string? otherRoleEndpoints = null, string busy = "false", string freeze = "false")
    {
        var otherDefinition = otherRoleEndpoints is null ? string.Empty : RoleDefinition("OtherRole", string.Empty, otherRoleEndpoints);
        var otherConfiguration = otherRoleEndpoints is null ? string.Empty : RoleConfiguration("OtherRole", behavior, stopBudget, 1, cancelChanging, string.Empty);
        File.WriteAllText(Path.Combine(Directory, "ServiceDefinition.csdef"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <ServiceDefinition name="LifecycleService" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceDefinition">
            {RoleDefinition("LifecycleRole", startupTasks, endpoints)}
            {otherDefinition}
            </ServiceDefinition>
            """);
        File.WriteAllText(Path.Combine(Directory, "ServiceConfiguration.cscfg"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <ServiceConfiguration serviceName="LifecycleService" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration" osFamily="7" osVersion="*">
            {RoleConfiguration("LifecycleRole", behavior, stopBudget, instances, cancelChanging, tcpEcho, busy: busy, freeze: freeze)}
            {otherConfiguration}
            </ServiceConfiguration>
            """);
    }

    private static string RoleDefinition(string name, string startupTasks, string endpoints) => $"""
          <WorkerRole name="{name}" vmsize="Small">
            {(startupTasks.Length == 0 ? string.Empty : $"<Startup>{startupTasks}</Startup>")}
            <ConfigurationSettings>
              <Setting name="Behavior" />
              <Setting name="BackgroundRoles.StopBudget" />
              <Setting name="CancelChanging" />
              <Setting name="Busy" />
              <Setting name="Echo" />
              <Setting name="TcpEcho" />
              <Setting name="HttpEcho" />
              <Setting name="ApiToken" />
              <Setting name="Freeze" />
            </ConfigurationSettings>
            {(endpoints.Length == 0 ? string.Empty : $"<Endpoints>{endpoints}</Endpoints>")}
            <LocalResources>
              <LocalStorage name="Scratch" sizeInMB="16" />
            </LocalResources>
            <Runtime>
              <Environment>
                <Variable name="ROLE_INSTANCE_ID">
                  <RoleInstanceValue xpath="/RoleEnvironment/CurrentInstance/@id" />
                </Variable>
                <Variable name="ECHO_ENV">
                  <RoleInstanceValue xpath="/RoleEnvironment/CurrentInstance/ConfigurationSettings/ConfigurationSetting[@name='Echo']/@value" />
                </Variable>
              </Environment>
              <EntryPoint>
                <NetFxEntryPoint assemblyName="LifecycleRole.dll" targetFrameworkVersion="v10.0" />
              </EntryPoint>
            </Runtime>
          </WorkerRole>
        """;

    private static string RoleConfiguration(string name, string behavior, string stopBudget, int instances, string cancelChanging, string tcpEcho, string httpEcho = "", string echo = "one", string busy = "false", string freeze = "false") => $"""
          <Role name="{name}">
            <Instances count="{instances}" />
            <ConfigurationSettings>
              <Setting name="Behavior" value="{behavior}" />
              <Setting name="BackgroundRoles.StopBudget" value="{stopBudget}" />
              <Setting name="CancelChanging" value="{cancelChanging}" />
              <Setting name="Busy" value="{busy}" />
              <Setting name="Echo" value="{echo}" />
              <Setting name="TcpEcho" value="{tcpEcho}" />
              <Setting name="HttpEcho" value="{httpEcho}" />
              <Setting name="ApiToken" value="initial-token-0123456789" />
              <Setting name="Freeze" value="{freeze}" />
            </ConfigurationSettings>
          </Role>
        """;

    /// <summary>
    /// Writes another cscfg, <paramref name="fileName"/>, for the one role: the same settings with another behaviour and
    /// an HTTP echo server on the endpoints <paramref name="httpEcho"/> names (see LifecycleRole), its own Echo and
    /// CancelChanging values, and <paramref name="extraSetting"/> (XML) added to the role's settings.
    /// </summary>
    public void WriteConfiguration(string fileName, string behavior, string stopBudget, int instances = 1, string httpEcho = "", string echo = "one", string cancelChanging = "false", string extraSetting = "") =>
        File.WriteAllText(Path.Combine(Directory, fileName), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <ServiceConfiguration serviceName="LifecycleService" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration" osFamily="7" osVersion="*">
            {RoleConfiguration("LifecycleRole", behavior, stopBudget, instances, cancelChanging, string.Empty, httpEcho, echo).Replace("</ConfigurationSettings>", extraSetting + "</ConfigurationSettings>", StringComparison.Ordinal)}
            </ServiceConfiguration>
            """);

    /// <summary>
    /// Writes an executable script into the service's StartupTasks folder, which a package copies into the role's
    /// approot: a startup task runs it as <c>StartupTasks/&lt;name&gt;</c>.
    /// </summary>
    public void WriteStartupScript(string name, string body)
    {
        var folder = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "StartupTasks"));
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A role process that outlived its test may still hold a file; the temp folder is reclaimed later.
        }
    }
}
