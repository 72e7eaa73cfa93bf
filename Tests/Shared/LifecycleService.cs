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
    /// role's optional settings (CancelChanging, Busy, Echo), a Scratch local resource and, when given, startup tasks
    /// and endpoints (the csdef's elements, such as an InternalEndpoint).
    /// </summary>
    public void Write(string behavior, string stopBudget, int instances = 1, string cancelChanging = "false", string startupTasks = "", string endpoints = "")
    {
        File.WriteAllText(Path.Combine(Directory, "ServiceDefinition.csdef"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <ServiceDefinition name="LifecycleService" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceDefinition">
              <WorkerRole name="LifecycleRole" vmsize="Small">
                {(startupTasks.Length == 0 ? string.Empty : $"<Startup>{startupTasks}</Startup>")}
                <ConfigurationSettings>
                  <Setting name="Behavior" />
                  <Setting name="BackgroundRoles.StopBudget" />
                  <Setting name="CancelChanging" />
                  <Setting name="Busy" />
                  <Setting name="Echo" />
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
            </ServiceDefinition>
            """);
        File.WriteAllText(Path.Combine(Directory, "ServiceConfiguration.cscfg"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <ServiceConfiguration serviceName="LifecycleService" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration" osFamily="7" osVersion="*">
              <Role name="LifecycleRole">
                <Instances count="{instances}" />
                <ConfigurationSettings>
                  <Setting name="Behavior" value="{behavior}" />
                  <Setting name="BackgroundRoles.StopBudget" value="{stopBudget}" />
                  <Setting name="CancelChanging" value="{cancelChanging}" />
                  <Setting name="Busy" value="false" />
                  <Setting name="Echo" value="one" />
                </ConfigurationSettings>
              </Role>
            </ServiceConfiguration>
            """);
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
