using BackgroundRoles.Hosting;

namespace BackgroundRoles.Fabric.Tests;

/// <summary>A spec's settings and topology are replaced whole, so that a change since a start is seen by reference.</summary>
[TestClass]
public sealed class RoleInstanceSpecTests
{
    private static readonly RoleInstanceSpec Spec = new(
        new RoleInstanceDescriptor
        {
            DeploymentId = "d0",
            RoleName = "WorkerRole",
            InstanceId = "WorkerRole_IN_0",
            LogDirectory = Path.GetTempPath(),
            Roles = [new RoleTopologyDescriptor("WorkerRole", ["WorkerRole_IN_0"])],
        },
        new RoleCommand("dotnet", [], Path.GetTempPath()),
        new Dictionary<string, string>(),
        []);

    [TestMethod]
    public void WithTopology_InstancesDiffer_NewSpecWithTheNewTopology()
    {
        IReadOnlyList<RoleTopologyDescriptor> scaled = [new RoleTopologyDescriptor("WorkerRole", ["WorkerRole_IN_0", "WorkerRole_IN_1"])];

        var updated = Spec.WithTopology(scaled);

        Assert.AreSame(scaled, updated.Descriptor.Roles);
        Assert.AreSame(Spec.Descriptor.Settings, updated.Descriptor.Settings);
    }

    [TestMethod]
    public void WithTopology_SameInstances_SameSpec()
    {
        Assert.AreSame(Spec, Spec.WithTopology([new RoleTopologyDescriptor("WorkerRole", ["WorkerRole_IN_0"])]));
    }
}
