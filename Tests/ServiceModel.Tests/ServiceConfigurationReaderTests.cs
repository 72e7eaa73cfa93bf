using BackgroundRoles.ServiceModel.Tests.Support;
using BackgroundRoles.Tests;

namespace BackgroundRoles.ServiceModel.Tests;

[TestClass]
public sealed class ServiceConfigurationReaderTests
{
    [TestMethod]
    public void Read_MissingFile_ReturnsDiagnosticWithoutLocation()
    {
        var path = Path.Combine(RepositoryPaths.Root, "no-such.cscfg");

        var result = ServiceConfigurationReader.Read(path);

        Assert.IsNull(result.Value);
        var error = DiagnosticAssert.SingleError(result.Diagnostics, "cannot read file");
        Assert.AreEqual((path, 0, 0), (error.File, error.Line, error.Column));
    }

    [TestMethod]
    public void Read_LiteralLessThanInAttribute_ReportsXmlErrorLocation()
    {
        // value="<YourEnvironmentID>" on line 6: the '<' is the 44th character.
        var result = ServiceConfigurationReader.Read(ServiceModelFixtures.Invalid("literal-less-than.cscfg"));

        var error = DiagnosticAssert.SingleError(result.Diagnostics, "not well-formed");
        Assert.AreEqual((6, 44), (error.Line, error.Column));
    }

    [TestMethod]
    public void Parse_BadInstanceCount_PointsAtTheAttribute()
    {
        var xml = Xml.Configuration("  <Role name=\"w\">\n    <Instances count=\"x\" />\n  </Role>");

        var result = ServiceConfigurationReader.Parse(xml, "x.cscfg");

        var error = DiagnosticAssert.SingleError(result.Diagnostics, "'count' is not a whole number: 'x'");
        Assert.AreEqual(("x.cscfg", 3, Xml.ColumnOf(xml, 3, "count=")), (error.File, error.Line, error.Column));
        Assert.IsNull(result.Value!.Roles.Single().InstanceCount);
    }

    [TestMethod]
    public void Parse_SeveralProblems_ReportsThemAllTogether()
    {
        var xml = Xml.Configuration("""
            <Role>
              <ConfigurationSettings><Setting name="a" /></ConfigurationSettings>
              <Setting name="b" value="" />
            </Role>
            """);

        var result = ServiceConfigurationReader.Parse(xml, "x.cscfg");

        DiagnosticAssert.SingleError(result.Diagnostics, "<Role> is missing required attribute 'name'");
        DiagnosticAssert.SingleError(result.Diagnostics, "<Setting> is missing required attribute 'value'");
        DiagnosticAssert.SingleError(result.Diagnostics, "<Setting> is not allowed inside <Role>");
        DiagnosticAssert.SingleError(result.Diagnostics, "has no <Instances");
    }

    [TestMethod]
    public void Parse_WrongRoot_ReportsErrorAndNoValue()
    {
        var result = ServiceConfigurationReader.Parse(Xml.Definition("<WorkerRole name=\"w\" />"), "x.cscfg");

        Assert.IsNull(result.Value);
        DiagnosticAssert.SingleError(result.Diagnostics, "expected 'ServiceConfiguration'");
    }

    [TestMethod]
    public void Read_ExtendedSupport_ReadsRolesSettingsAndRawNetwork()
    {
        var result = ServiceConfigurationReader.Read(ServiceModelFixtures.Valid("extended-support-contents.cscfg"));

        DiagnosticAssert.NoDiagnostics(result.Diagnostics);
        var configuration = result.Value!;
        Assert.AreEqual(("Extended", 6, "*", "2015-04.2.6"), (configuration.ServiceName, configuration.OsFamily, configuration.OsVersion, configuration.SchemaVersion));
        var role = configuration.Roles[0];
        Assert.AreEqual(("Web", 4), (role.Name, role.InstanceCount));
        Assert.AreEqual(
            "Microsoft.WindowsAzure.Plugins.Diagnostics.ConnectionString; NamedCaches={\"caches\":[{\"name\":\"default\"}]}; Placeholder=%TOKEN%",
            string.Join("; ", role.Settings.Select(s => s.Name == "NamedCaches" || s.Name == "Placeholder" ? $"{s.Name}={s.Value}" : s.Name)));
        var network = configuration.NetworkConfiguration!;
        Assert.AreEqual(14, network.Location.Line);
        Assert.AreEqual("Ext_ILB", network.ToXElement().Descendants().Single(e => e.Name.LocalName == "LoadBalancer").Attribute("name")!.Value);
    }

    [TestMethod]
    public void Read_CommentsEverywhere_ReadsSettingsAndCertificates()
    {
        var result = ServiceConfigurationReader.Read(ServiceModelFixtures.Valid("probes-certificates.cscfg"));

        DiagnosticAssert.NoDiagnostics(result.Diagnostics);
        var role = result.Value!.Roles.Single();
        Assert.AreEqual("Storage.Primary, Feature.Search", string.Join(", ", role.Settings.Select(s => s.Name)));
        Assert.AreEqual(("0000000000000000000000000000000000000000", "sha1"), (role.Certificates[0].Thumbprint, role.Certificates[0].ThumbprintAlgorithm));
    }

    [TestMethod]
    public void Parse_SettingsBeforeInstances_OrderDoesNotMatter()
    {
        var role = Xml.ParseConfiguration("<Role name=\"w\"><ConfigurationSettings /><Instances count=\"2\" /></Role>").Roles.Single();

        Assert.AreEqual(2, role.InstanceCount);
        Assert.IsEmpty(role.Settings);
    }

    [TestMethod]
    public void Parse_OldFileWithoutOsAttributes_LeavesThemNull()
    {
        var result = ServiceConfigurationReader.Read(ServiceModelFixtures.Valid("no-os-attributes.cscfg"));

        DiagnosticAssert.NoDiagnostics(result.Diagnostics);
        Assert.AreEqual(((int?)null, (string?)null), (result.Value!.OsFamily, result.Value.OsVersion));
    }
}
