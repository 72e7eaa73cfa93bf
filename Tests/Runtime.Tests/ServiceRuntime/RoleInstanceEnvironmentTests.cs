using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Runtime.Tests.ServiceRuntime;

[TestClass]
public sealed class RoleInstanceEnvironmentTests
{
    [TestMethod]
    public void GetConfigurationSettingValue_UnknownSetting_ThrowsRoleEnvironmentException()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());

        var exception = Assert.ThrowsExactly<RoleEnvironmentException>(() => environment.GetConfigurationSettingValue("Missing"));
        StringAssert.Contains(exception.Message, "Missing");
    }

    [TestMethod]
    public void GetConfigurationSettingValue_SettingNamesAreCaseSensitive_AsOnThePlatform()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());

        Assert.AreEqual("value", environment.GetConfigurationSettingValue("Name"));
        Assert.ThrowsExactly<RoleEnvironmentException>(() => environment.GetConfigurationSettingValue("name"));
    }

    [TestMethod]
    public void GetLocalResource_Declared_HasTrailingSeparatorAndQuota()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());

        var resource = environment.GetLocalResource("Scratch");

        Assert.IsTrue(resource.RootPath.EndsWith(Path.DirectorySeparatorChar));
        Assert.AreEqual(64, resource.MaximumSizeInMegabytes);
        Assert.ThrowsExactly<RoleEnvironmentException>(() => environment.GetLocalResource("Other"));
    }

    [TestMethod]
    public void CurrentRoleInstance_FromDescriptor_HasIdDomainsEndpointsAndRole()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());

        var instance = environment.CurrentRoleInstance;

        Assert.AreEqual("WorkerRole_IN_1", instance.Id);
        Assert.AreEqual(1, instance.UpdateDomain);
        Assert.AreEqual(8080, instance.InstanceEndpoints["HttpIn"].IPEndpoint.Port);
        Assert.AreSame(instance, instance.Role.Instances[1]);
        Assert.HasCount(2, environment.Roles);
        Assert.HasCount(1, environment.Roles["WebRole"].Instances);
    }

    [TestMethod]
    public void Roles_TopologyWithPeerEndpoints_PeersExposeTheirInternalEndpoints()
    {
        var descriptor = TestDescriptors.Create() with
        {
            Roles =
            [
                new RoleTopologyDescriptor("WorkerRole", ["WorkerRole_IN_0", "WorkerRole_IN_1"])
                {
                    InstanceEndpoints = new Dictionary<string, IReadOnlyList<EndpointDescriptor>>
                    {
                        ["WorkerRole_IN_0"] = [new EndpointDescriptor("Gossip", "tcp", "127.0.0.1", 30001, null)],
                    },
                },
            ],
        };

        var environment = new RoleInstanceEnvironment(descriptor);
        var peer = environment.Roles["WorkerRole"].Instances[0];

        Assert.AreEqual("WorkerRole_IN_0", peer.Id);
        Assert.AreEqual(30001, peer.InstanceEndpoints["Gossip"].IPEndpoint.Port);
        Assert.AreSame(environment.CurrentRoleInstance, environment.Roles["WorkerRole"].Instances[1]);
    }

    [TestMethod]
    public void ApplySettings_ChangedValue_RaisesChangingThenChangedWithTheChange()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());
        var events = new List<string>();
        environment.Changing += (_, e) => events.Add("Changing " + Names(e.Changes));
        environment.Changed += (_, e) => events.Add("Changed " + Names(e.Changes) + " " + environment.GetConfigurationSettingValue("Freeze"));

        var applied = environment.ApplySettings(new Dictionary<string, string> { ["Freeze"] = "true", ["Name"] = "value" });

        Assert.IsTrue(applied);
        CollectionAssert.AreEqual(new[] { "Changing Freeze", "Changed Freeze true" }, events);
    }

    [TestMethod]
    public void ApplySettings_ChangingCancelled_KeepsOldValuesAndReturnsFalse()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());
        var changed = false;
        environment.Changing += (_, e) => e.Cancel = true;
        environment.Changed += (_, _) => changed = true;

        var applied = environment.ApplySettings(new Dictionary<string, string> { ["Freeze"] = "true", ["Name"] = "value" });

        Assert.IsFalse(applied);
        Assert.IsFalse(changed);
        Assert.AreEqual("false", environment.GetConfigurationSettingValue("Freeze"));
    }

    [TestMethod]
    public void ApplySettings_NothingChanged_RaisesNoEvent()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());
        var raised = false;
        environment.Changing += (_, _) => raised = true;

        Assert.IsTrue(environment.ApplySettings(new Dictionary<string, string>(environment.Settings)));
        Assert.IsFalse(raised);
    }

    [TestMethod]
    public void ApplyTopology_RoleScaled_RaisesChangingThenChangedAndRolesListTheNewInstances()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());
        var events = new List<string>();
        environment.Changing += (_, e) => events.Add($"Changing {Names(e.Changes)} {environment.Roles["WorkerRole"].Instances.Count}");
        environment.Changed += (_, e) => events.Add($"Changed {Names(e.Changes)} {environment.Roles["WorkerRole"].Instances.Count}");

        var applied = environment.ApplyTopology(
        [
            new RoleTopologyDescriptor("WorkerRole", ["WorkerRole_IN_0", "WorkerRole_IN_1", "WorkerRole_IN_2"])
            {
                InstanceEndpoints = new Dictionary<string, IReadOnlyList<EndpointDescriptor>>
                {
                    ["WorkerRole_IN_2"] = [new EndpointDescriptor("Gossip", "tcp", "127.0.0.1", 30002, null)],
                },
            },
            new RoleTopologyDescriptor("WebRole", ["WebRole_IN_0"]),
        ]);

        Assert.IsTrue(applied);
        CollectionAssert.AreEqual(new[] { "Changing topology:WorkerRole 2", "Changed topology:WorkerRole 3" }, events, "only the scaled role changed; Roles follows between the two");
        var instances = environment.Roles["WorkerRole"].Instances;
        Assert.AreEqual(30002, instances[2].InstanceEndpoints["Gossip"].IPEndpoint.Port);
        Assert.AreSame(environment.CurrentRoleInstance, instances[1]);
        Assert.AreSame(environment.Roles["WorkerRole"], environment.CurrentRoleInstance.Role);
    }

    [TestMethod]
    public void ApplyTopology_ChangingCancelled_KeepsTheOldInstancesAndReturnsFalse()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());
        var before = environment.Roles;
        var changed = false;
        environment.Changing += (_, e) => e.Cancel = true;
        environment.Changed += (_, _) => changed = true;

        var applied = environment.ApplyTopology([new RoleTopologyDescriptor("WorkerRole", ["WorkerRole_IN_0", "WorkerRole_IN_1"]), new RoleTopologyDescriptor("WebRole", ["WebRole_IN_0", "WebRole_IN_1"])]);

        Assert.IsFalse(applied);
        Assert.IsFalse(changed);
        Assert.AreSame(before, environment.Roles);
        Assert.HasCount(1, environment.Roles["WebRole"].Instances);
    }

    [TestMethod]
    public void ApplyTopology_RoleAddedAndRoleRemoved_OneChangeForEach()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());
        string? names = null;
        environment.Changed += (_, e) => names = Names(e.Changes);

        Assert.IsTrue(environment.ApplyTopology([new RoleTopologyDescriptor("WorkerRole", ["WorkerRole_IN_0", "WorkerRole_IN_1"]), new RoleTopologyDescriptor("CacheRole", ["CacheRole_IN_0"])]));

        Assert.AreEqual("topology:CacheRole,topology:WebRole", names);
        Assert.IsFalse(environment.Roles.ContainsKey("WebRole"));
    }

    [TestMethod]
    public void ApplyTopology_SameInstances_RaisesNoEvent()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());
        var raised = false;
        environment.Changing += (_, _) => raised = true;

        Assert.IsTrue(environment.ApplyTopology([.. TestDescriptors.Create().Roles]));
        Assert.IsFalse(raised);
    }

    [TestMethod]
    public void CheckStatus_HandlerCallsSetBusy_ReportsBusy()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());
        Assert.AreEqual(RoleInstanceStatus.Ready, environment.CheckStatus());

        environment.StatusCheck += (_, e) => e.SetBusy();

        Assert.AreEqual(RoleInstanceStatus.Busy, environment.CheckStatus());
    }

    [TestMethod]
    public void RequestRecycle_CalledTwice_RaisesRecycleRequestedOnce()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());
        var count = 0;
        environment.RecycleRequested += (_, _) => count++;

        environment.RequestRecycle();
        environment.RequestRecycle();

        Assert.AreEqual(1, count);
        Assert.IsTrue(environment.IsRecycleRequested);
    }

    [TestMethod]
    [DataRow("30", 30)]
    [DataRow("00:00:45", 45)]
    [DataRow("00:10:00", 300)]
    [DataRow("nonsense", 300)]
    public void StopBudget_Setting_LowersButNeverRaisesTheDefault(string setting, int expectedSeconds)
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create(new Dictionary<string, string> { [HostDefaults.StopBudgetSetting] = setting }));

        Assert.AreEqual(TimeSpan.FromSeconds(expectedSeconds), environment.StopBudget);
    }

    private static string Names(IEnumerable<RoleEnvironmentChange> changes) =>
        string.Join(",", changes.Select(c => c switch
        {
            RoleEnvironmentConfigurationSettingChange setting => setting.ConfigurationSettingName,
            RoleEnvironmentTopologyChange topology => "topology:" + topology.RoleName,
            _ => c.GetType().Name,
        }));
}
