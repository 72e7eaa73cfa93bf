using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Runtime.Tests.ServiceRuntime;

[TestClass]
[DoNotParallelize]
public sealed class RoleEnvironmentTests
{
    [TestCleanup]
    public void Uninstall() => RoleEnvironment.Install(null);

    [TestMethod]
    public void IsAvailable_NothingInstalled_IsFalseAndMembersThrow()
    {
        RoleEnvironment.Install(null);

        Assert.IsFalse(RoleEnvironment.IsAvailable);
        Assert.ThrowsExactly<RoleEnvironmentException>(() => RoleEnvironment.GetConfigurationSettingValue("Name"));
    }

    [TestMethod]
    public void Facade_Installed_DelegatesToTheInstance()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());
        RoleEnvironment.Install(environment);
        var stopping = false;
        RoleEnvironment.Stopping += (_, _) => stopping = true;

        environment.RaiseStopping();

        Assert.IsTrue(RoleEnvironment.IsAvailable);
        Assert.IsTrue(RoleEnvironment.IsEmulated);
        Assert.AreEqual("d0", RoleEnvironment.DeploymentId);
        Assert.AreEqual("WorkerRole_IN_1", RoleEnvironment.CurrentRoleInstance.Id);
        Assert.AreEqual("value", RoleEnvironment.GetConfigurationSettingValue("Name"));
        Assert.IsTrue(stopping);
    }
}
