using System.Collections.ObjectModel;
using System.Net;
using Microsoft.WindowsAzure.ServiceRuntime;

namespace BackgroundRoles.Compat.Tests.ServiceRuntime;

/// <summary>The SDK's abstract bases can be derived as user tests did to fake an instance, and the change types compare by value.</summary>
[TestClass]
public sealed class SdkShapesTests
{
    [TestMethod]
    public void AbstractBases_DerivedByUserCode_FakeATopology()
    {
        var instance = new FakeInstance("Role_IN_0");
        var role = new FakeRole("Role", instance);
        instance.FakeRole = role;
        instance.Endpoints["In"] = new FakeEndpoint(instance, new IPEndPoint(IPAddress.Loopback, 80));

        Assert.AreSame(instance, role.Instances[0].InstanceEndpoints["In"].RoleInstance);
        Assert.AreEqual(80, role.Instances[0].InstanceEndpoints["In"].IPEndpoint.Port);
        Assert.AreEqual("Role", instance.Role.Name);
    }

    [TestMethod]
    public void Changes_SameValues_AreEqual()
    {
        Assert.AreEqual(new RoleEnvironmentConfigurationSettingChange("A"), new RoleEnvironmentConfigurationSettingChange("A"));
        Assert.AreNotEqual(new RoleEnvironmentConfigurationSettingChange("A"), new RoleEnvironmentConfigurationSettingChange("B"));
        Assert.AreEqual(new RoleEnvironmentTopologyChange("Web"), new RoleEnvironmentTopologyChange("Web"));
        Assert.AreEqual(new RoleEnvironmentCertificateChange("ABCD"), new RoleEnvironmentCertificateChange("abcd"), "thumbprints are hex");
        Assert.AreEqual(new SimultaneousTopologyChange("Web"), new SimultaneousTopologyChange("Web"));
        Assert.IsInstanceOfType<RoleEnvironmentChange>(new SimultaneousTopologyChange("Web"));
    }

    private sealed class FakeInstance(string id) : RoleInstance
    {
        public Dictionary<string, RoleInstanceEndpoint> Endpoints { get; } = [];

        public Role? FakeRole { get; set; }

        public override string Id => id;

        public override Role Role => FakeRole!;

        public override int UpdateDomain => 0;

        public override int FaultDomain => 0;

        public override IDictionary<string, RoleInstanceEndpoint> InstanceEndpoints => Endpoints;

        public override IDictionary<string, VirtualIPGroup> VirtualIPGroups => new Dictionary<string, VirtualIPGroup>();
    }

    private sealed class FakeRole(string name, params RoleInstance[] instances) : Role
    {
        public override string Name => name;

        public override ReadOnlyCollection<RoleInstance> Instances { get; } = new(instances);
    }

    private sealed class FakeEndpoint(RoleInstance instance, IPEndPoint endpoint) : RoleInstanceEndpoint
    {
        public override IPEndPoint IPEndpoint => endpoint;

        public override string Protocol => "tcp";

        public override IPEndPoint? PublicIPEndpoint => null;

        public override RoleInstance RoleInstance => instance;
    }
}
