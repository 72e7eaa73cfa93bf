namespace BackgroundRoles.ServiceModel.Tests;

[TestClass]
public sealed class RoleInstanceReferenceTests
{
    [TestMethod]
    [DataRow("/RoleEnvironment/CurrentInstance/Endpoints/Endpoint[@name='HttpIn']/@port", RoleInstanceReferenceKind.Endpoint, "HttpIn", "port")]
    [DataRow("/RoleEnvironment/CurrentInstance/Endpoints/Endpoint[@name='InstanceEp']/@publicPort", RoleInstanceReferenceKind.Endpoint, "InstanceEp", "publicPort")]
    [DataRow("/RoleEnvironment/CurrentInstance/LocalResources/LocalResource[@name='rails']/@path", RoleInstanceReferenceKind.LocalResource, "rails", "path")]
    [DataRow("/RoleEnvironment/CurrentInstance/ConfigurationSettings/ConfigurationSetting[@name='NewRelic.LicenseKey']/@value", RoleInstanceReferenceKind.ConfigurationSetting, "NewRelic.LicenseKey", "value")]
    [DataRow("/RoleEnvironment/CurrentInstance/Endpoints/Endpoint[@name=\"Http In\"]/@address", RoleInstanceReferenceKind.Endpoint, "Http In", "address")]
    [DataRow("/RoleEnvironment/Deployment/@emulated", RoleInstanceReferenceKind.Deployment, null, "emulated")]
    [DataRow("/RoleEnvironment/CurrentInstance/@id", RoleInstanceReferenceKind.CurrentInstance, null, "id")]
    public void Parse_DocumentedForm_ExtractsTarget(string xpath, RoleInstanceReferenceKind kind, string? name, string attribute)
    {
        var reference = RoleInstanceReference.Parse(xpath);

        Assert.AreEqual(new RoleInstanceReference(kind, name, attribute), reference);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("/RoleEnvironment/Somewhere/Else")]
    [DataRow("/RoleEnvironment/CurrentInstance/Endpoints/Endpoint[@name='x']")]
    public void Parse_OtherForm_IsUnrecognized(string xpath)
    {
        Assert.AreEqual(RoleInstanceReferenceKind.Unrecognized, RoleInstanceReference.Parse(xpath).Kind);
    }
}
