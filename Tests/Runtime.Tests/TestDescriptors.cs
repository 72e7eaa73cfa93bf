using BackgroundRoles.Hosting;

namespace BackgroundRoles.Runtime.Tests;

/// <summary>Role instance descriptors for tests, built in memory.</summary>
internal static class TestDescriptors
{
    public static RoleInstanceDescriptor Create(IReadOnlyDictionary<string, string>? settings = null) => new()
    {
        DeploymentId = "d0",
        RoleName = "WorkerRole",
        InstanceId = "WorkerRole_IN_1",
        IsEmulated = true,
        UpdateDomain = 1,
        FaultDomain = 1,
        Settings = settings ?? new Dictionary<string, string> { ["Freeze"] = "false", ["Name"] = "value" },
        LocalResources = [new LocalResourceDescriptor("Scratch", Path.Combine(Path.GetTempPath(), "scratch"), 64)],
        Endpoints = [new EndpointDescriptor("HttpIn", "http", "127.0.0.1", 8080, 8080)],
        Roles = [new RoleTopologyDescriptor("WorkerRole", ["WorkerRole_IN_0", "WorkerRole_IN_1"]), new RoleTopologyDescriptor("WebRole", ["WebRole_IN_0"])],
        LogDirectory = Path.GetTempPath(),
    };
}
