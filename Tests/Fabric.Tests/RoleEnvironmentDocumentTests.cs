using BackgroundRoles.Hosting;

namespace BackgroundRoles.Fabric.Tests;

[TestClass]
public sealed class RoleEnvironmentDocumentTests
{
    private static readonly RoleInstanceDescriptor Descriptor = new()
    {
        DeploymentId = "dep1",
        RoleName = "WorkerRole",
        InstanceId = "WorkerRole_IN_2",
        IsEmulated = true,
        Settings = new Dictionary<string, string> { ["Storage"] = "UseDevelopmentStorage=true" },
        LocalResources = [new LocalResourceDescriptor("Scratch", "/state/Scratch", 512)],
        Endpoints = [new EndpointDescriptor("HttpIn", "http", "127.0.0.1", 18080, 18081)],
        LogDirectory = "/state/logs",
    };

    [TestMethod]
    [DataRow("/RoleEnvironment/Deployment/@emulated", "true")]
    [DataRow("/RoleEnvironment/Deployment/@id", "dep1")]
    [DataRow("/RoleEnvironment/CurrentInstance/@id", "WorkerRole_IN_2")]
    [DataRow("/RoleEnvironment/CurrentInstance/LocalResources/LocalResource[@name='Scratch']/@path", "/state/Scratch")]
    [DataRow("/RoleEnvironment/CurrentInstance/Endpoints/Endpoint[@name='HttpIn']/@port", "18080")]
    [DataRow("/RoleEnvironment/CurrentInstance/Endpoints/Endpoint[@name='HttpIn']/@address", "127.0.0.1")]
    [DataRow("/RoleEnvironment/CurrentInstance/Endpoints/Endpoint[@name='HttpIn']/@publicPort", "18081")]
    [DataRow("/RoleEnvironment/CurrentInstance/ConfigurationSettings/ConfigurationSetting[@name='Storage']/@value", "UseDevelopmentStorage=true")]
    public void TryEvaluate_XPathsRealCsdefFilesUse_GiveTheInstanceValues(string xpath, string expected)
    {
        var document = new RoleEnvironmentDocument(Descriptor);

        Assert.IsTrue(document.TryEvaluate(xpath, out var value, out var error), error);
        Assert.AreEqual(expected, value);
    }

    [TestMethod]
    public void TryEvaluate_UnknownName_GivesNullNotAnError()
    {
        var document = new RoleEnvironmentDocument(Descriptor);

        Assert.IsTrue(document.TryEvaluate("/RoleEnvironment/CurrentInstance/LocalResources/LocalResource[@name='Nope']/@path", out var value, out _));
        Assert.IsNull(value);
    }

    [TestMethod]
    public void TryEvaluate_InvalidXPath_ReturnsFalseWithReason()
    {
        var document = new RoleEnvironmentDocument(Descriptor);

        Assert.IsFalse(document.TryEvaluate("/RoleEnvironment/[", out _, out var error));
        Assert.IsFalse(string.IsNullOrEmpty(error));
    }
}
