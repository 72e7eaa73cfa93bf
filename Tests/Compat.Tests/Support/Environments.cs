using BackgroundRoles.Compat.ServiceRuntime;
using BackgroundRoles.Hosting;
using Runtime = BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Compat.Tests.Support;

/// <summary>Installs a real runtime environment, built from an in-memory descriptor, as the role host does.</summary>
internal static class Environments
{
    public static RoleInstanceDescriptor Descriptor(IReadOnlyDictionary<string, string>? settings = null) => new()
    {
        DeploymentId = "deployment1(1)",
        RoleName = "WorkerRole",
        InstanceId = "WorkerRole_IN_0",
        IsEmulated = true,
        UpdateDomain = 0,
        FaultDomain = 1,
        Settings = settings ?? new Dictionary<string, string> { ["Greeting"] = "hello" },
        LocalResources = [new LocalResourceDescriptor("CustomLogs", Path.Combine(Path.GetTempPath(), "compat-custom-logs"), 10)],
        Endpoints = [new EndpointDescriptor("HttpIn", "http", "127.0.0.1", 20080, 8080), new EndpointDescriptor("Peer", "tcp", "127.0.0.1", 20081, null)],
        Roles = [Topology("WorkerRole_IN_0", "WorkerRole_IN_1"), new RoleTopologyDescriptor("WebRole", ["WebRole_IN_0"])],
        LogDirectory = Path.GetTempPath(),
    };

    /// <summary>The WorkerRole with these instances, each with its internal endpoint Peer on port 30000 + N.</summary>
    public static RoleTopologyDescriptor Topology(params string[] instanceIds) => new("WorkerRole", instanceIds)
    {
        InstanceEndpoints = instanceIds.ToDictionary(
            id => id,
            id => (IReadOnlyList<EndpointDescriptor>)[new EndpointDescriptor("Peer", "tcp", "127.0.0.1", 30000 + int.Parse(id[(id.LastIndexOf('_') + 1)..], System.Globalization.CultureInfo.InvariantCulture), null)]),
    };

    public static Runtime.RoleInstanceEnvironment Install(RoleInstanceDescriptor? descriptor = null)
    {
        var environment = new Runtime.RoleInstanceEnvironment(descriptor ?? Descriptor());
        Runtime.RoleEnvironment.Install(environment);
        return environment;
    }

    /// <summary>Uninstalls the environment and forgets the SDK handlers a test subscribed.</summary>
    public static void Uninstall()
    {
        EventBridge.Reset();
        Runtime.RoleEnvironment.Install(null);
    }
}
