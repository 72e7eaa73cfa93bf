using System.Collections.ObjectModel;
using BackgroundRoles.Compat.Tests.Support;
using Microsoft.WindowsAzure.ServiceRuntime;

namespace BackgroundRoles.Compat.Tests.ServiceRuntime;

/// <summary>The SDK's RoleEnvironment over a real runtime environment: values, shapes and exceptions.</summary>
[TestClass]
public sealed class RoleEnvironmentTests
{
    [TestCleanup]
    public void Cleanup() => Environments.Uninstall();

    [TestMethod]
    public void Members_InstalledEnvironment_DelegateToTheRuntime()
    {
        Environments.Install();

        Assert.IsTrue(RoleEnvironment.IsAvailable);
        Assert.IsTrue(RoleEnvironment.IsEmulated);
        Assert.AreEqual("deployment1(1)", RoleEnvironment.DeploymentId);
        Assert.AreEqual("hello", RoleEnvironment.GetConfigurationSettingValue("Greeting"));
        var resource = RoleEnvironment.GetLocalResource("customlogs");
        Assert.AreEqual("CustomLogs", resource.Name);
        Assert.AreEqual(10, resource.MaximumSizeInMegabytes);
        Assert.EndsWith(Path.DirectorySeparatorChar.ToString(), resource.RootPath);
    }

    [TestMethod]
    public void Members_NoEnvironmentOrUnknownName_ThrowTheSdkException()
    {
        Assert.IsFalse(RoleEnvironment.IsAvailable);
        Assert.ThrowsExactly<RoleEnvironmentException>(() => RoleEnvironment.DeploymentId);
        Assert.ThrowsExactly<RoleEnvironmentException>(() => RoleEnvironment.CurrentRoleInstance);

        Environments.Install();

        var setting = Assert.ThrowsExactly<RoleEnvironmentException>(() => RoleEnvironment.GetConfigurationSettingValue("Nope"));
        StringAssert.Contains(setting.Message, "'Nope'");
        Assert.ThrowsExactly<RoleEnvironmentException>(() => RoleEnvironment.GetLocalResource("Nope"));
    }

    [TestMethod]
    public void CurrentRoleInstance_Installed_HasTheSdkShapes()
    {
        Environments.Install();

        var current = RoleEnvironment.CurrentRoleInstance;

        Assert.AreEqual("WorkerRole_IN_0", current.Id);
        Assert.AreEqual(1, current.FaultDomain);
        Assert.AreEqual("WorkerRole", current.Role.Name);
        Assert.IsInstanceOfType<ReadOnlyCollection<RoleInstance>>(current.Role.Instances);
        Assert.AreSame(current, current.Role.Instances[0], "the current instance is the same object in its role");
        var endpoint = current.InstanceEndpoints["HttpIn"];
        Assert.AreEqual(20080, endpoint.IPEndpoint.Port);
        Assert.AreEqual(8080, endpoint.PublicIPEndpoint!.Port);
        Assert.AreEqual("http", endpoint.Protocol);
        Assert.AreSame(current, endpoint.RoleInstance);
        Assert.IsNull(current.InstanceEndpoints["Peer"].PublicIPEndpoint);
        Assert.IsEmpty(current.VirtualIPGroups);
        Assert.IsTrue(current.InstanceEndpoints.IsReadOnly);
        Assert.ThrowsExactly<NotSupportedException>(() => current.InstanceEndpoints.Remove("HttpIn"));
    }

    [TestMethod]
    public void Roles_Installed_EveryRoleWithPeersAndTheirEndpoints()
    {
        Environments.Install();

        var roles = RoleEnvironment.Roles;

        CollectionAssert.AreEquivalent(new[] { "WorkerRole", "WebRole" }, roles.Keys.ToArray());
        Assert.AreSame(roles["workerrole"], roles["WorkerRole"], "role names are case-insensitive as on the platform");
        var peer = roles["WorkerRole"].Instances[1];
        Assert.AreEqual("WorkerRole_IN_1", peer.Id);
        Assert.AreEqual(30001, peer.InstanceEndpoints["Peer"].IPEndpoint.Port);
        Assert.AreSame(roles["WorkerRole"], peer.Role);
        Assert.AreSame(roles, RoleEnvironment.Roles, "no change, no rebuild");
        Assert.ThrowsExactly<NotSupportedException>(() => roles.Remove("WebRole"));
    }

    [TestMethod]
    public void Roles_AfterTopologyChange_ListTheNewInstancesAndCurrentFollows()
    {
        var environment = Environments.Install();
        var before = RoleEnvironment.Roles;

        Assert.IsTrue(environment.ApplyTopology([Environments.Topology("WorkerRole_IN_0", "WorkerRole_IN_1", "WorkerRole_IN_2")]));

        var after = RoleEnvironment.Roles;
        Assert.AreNotSame(before, after);
        Assert.HasCount(3, after["WorkerRole"].Instances);
        Assert.AreEqual(30002, after["WorkerRole"].Instances[2].InstanceEndpoints["Peer"].IPEndpoint.Port);
        Assert.AreSame(after["WorkerRole"], RoleEnvironment.CurrentRoleInstance.Role);
        Assert.HasCount(3, RoleEnvironment.CurrentRoleInstance.Role.Instances);
    }

    [TestMethod]
    public void RequestRecycle_Installed_ReachesTheRuntime()
    {
        var environment = Environments.Install();

        RoleEnvironment.RequestRecycle();

        Assert.IsTrue(environment.IsRecycleRequested);
    }
}
