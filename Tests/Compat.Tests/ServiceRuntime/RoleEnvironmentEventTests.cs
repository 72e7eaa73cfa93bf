using BackgroundRoles.Compat.Tests.Support;
using Microsoft.WindowsAzure.ServiceRuntime;

namespace BackgroundRoles.Compat.Tests.ServiceRuntime;

/// <summary>The SDK's events raised from the runtime's: translated arguments, and decisions carried back.</summary>
[TestClass]
public sealed class RoleEnvironmentEventTests
{
    private readonly List<string> _seen = [];

    [TestCleanup]
    public void Cleanup() => Environments.Uninstall();

    [TestMethod]
    public void ApplySettings_ClassicHandlers_SeeSettingChangesInChangingThenChanged()
    {
        var environment = Environments.Install();
        RoleEnvironment.Changing += RoleEnvironmentChanging;
        RoleEnvironment.Changed += RoleEnvironmentChanged;

        Assert.IsTrue(environment.ApplySettings(new Dictionary<string, string> { ["Greeting"] = "bonjour" }));

        CollectionAssert.AreEqual(new[] { "Changing RoleEnvironmentConfigurationSettingChange Greeting", "Changed RoleEnvironmentConfigurationSettingChange Greeting bonjour" }, _seen);
    }

    [TestMethod]
    public void ApplyTopology_ClassicHandlers_SeeTopologyChanges()
    {
        var environment = Environments.Install();
        RoleEnvironment.Changing += RoleEnvironmentChanging;

        Assert.IsTrue(environment.ApplyTopology([Environments.Topology("WorkerRole_IN_0"), new("WebRole", ["WebRole_IN_0"])]));

        CollectionAssert.AreEqual(new[] { "Changing RoleEnvironmentTopologyChange WorkerRole" }, _seen);
    }

    [TestMethod]
    public void ApplySettings_ClassicHandlerCancels_RuntimeKeepsOldValuesAndAsksForRecycle()
    {
        var environment = Environments.Install();
        RoleEnvironment.Changing += (sender, e) => e.Cancel = true;
        RoleEnvironment.Changed += RoleEnvironmentChanged;

        Assert.IsFalse(environment.ApplySettings(new Dictionary<string, string> { ["Greeting"] = "bonjour" }));

        Assert.AreEqual("hello", RoleEnvironment.GetConfigurationSettingValue("Greeting"));
        Assert.IsEmpty(_seen, "no Changed after a cancelled Changing");
    }

    [TestMethod]
    public void Changing_HandlerRemoved_IsNotCalled()
    {
        var environment = Environments.Install();
        RoleEnvironment.Changing += RoleEnvironmentChanging;
        RoleEnvironment.Changing -= RoleEnvironmentChanging;

        Assert.IsTrue(environment.ApplySettings(new Dictionary<string, string> { ["Greeting"] = "bonjour" }));

        Assert.IsEmpty(_seen);
    }

    [TestMethod]
    public void StatusCheckAndStopping_ClassicHandlers_SetBusyReachesTheRuntime()
    {
        var environment = Environments.Install();
        RoleEnvironment.StatusCheck += (sender, e) =>
        {
            _seen.Add("StatusCheck " + e.Status);
            e.SetBusy();
        };
        RoleEnvironment.Stopping += (sender, e) => _seen.Add("Stopping");

        var status = environment.CheckStatus();
        environment.RaiseStopping();

        Assert.AreEqual(BackgroundRoles.ServiceRuntime.RoleInstanceStatus.Busy, status);
        CollectionAssert.AreEqual(new[] { "StatusCheck Ready", "Stopping" }, _seen);
    }

    [TestMethod]
    public void Subscribe_BeforeTheEnvironmentIsInstalled_AttachesWhenTheEntryPointIsCreated()
    {
        RoleEnvironment.Changing += RoleEnvironmentChanging;
        var environment = Environments.Install();

        _ = new ClassicWorker();
        Assert.IsTrue(environment.ApplySettings(new Dictionary<string, string> { ["Greeting"] = "bonjour" }));

        CollectionAssert.AreEqual(new[] { "Changing RoleEnvironmentConfigurationSettingChange Greeting" }, _seen);
    }

    [TestMethod]
    public void SimultaneousEvents_Subscribed_AreAcceptedAndNeverRaisedByTheLocalFabric()
    {
        var environment = Environments.Install();
        RoleEnvironment.SimultaneousChanging += (sender, e) => _seen.Add("SimultaneousChanging");
        RoleEnvironment.SimultaneousChanged += (sender, e) => _seen.Add("SimultaneousChanged");

        Assert.IsTrue(environment.ApplyTopology([Environments.Topology("WorkerRole_IN_0")]));

        Assert.IsEmpty(_seen);
    }

    private void RoleEnvironmentChanging(object? sender, RoleEnvironmentChangingEventArgs e)
    {
        foreach (var change in e.Changes)
        {
            _seen.Add(change switch
            {
                RoleEnvironmentConfigurationSettingChange setting => "Changing " + change.GetType().Name + " " + setting.ConfigurationSettingName,
                RoleEnvironmentTopologyChange topology => "Changing " + change.GetType().Name + " " + topology.RoleName,
                _ => "Changing " + change.GetType().Name,
            });
        }
    }

    private void RoleEnvironmentChanged(object? sender, RoleEnvironmentChangedEventArgs e)
    {
        foreach (var change in e.Changes.OfType<RoleEnvironmentConfigurationSettingChange>())
        {
            _seen.Add("Changed " + change.GetType().Name + " " + change.ConfigurationSettingName + " " + RoleEnvironment.GetConfigurationSettingValue(change.ConfigurationSettingName));
        }
    }

    /// <summary>A classic entry point, as user code declares it.</summary>
    private sealed class ClassicWorker : RoleEntryPoint
    {
    }
}
