using BackgroundRoles.ServiceModel.Tests.Support;

namespace BackgroundRoles.ServiceModel.Tests;

[TestClass]
public sealed class ServiceConfigurationReaderTests
{
    private const string Dynatrace = "dtPaTh__Dynatrace-Azure-CloudServices__ServiceConfiguration.Cloud.cscfg";
    private const string Dash = "MicrosoftDX__Dash__DashServer.Azure.Https__ServiceConfiguration.PublishHttps.ILB.cscfg";

    [TestMethod]
    public void Read_MissingFile_ReturnsDiagnosticWithoutLocation()
    {
        var path = Path.Combine(TestPaths.RepositoryRoot, "no-such.cscfg");

        var result = ServiceConfigurationReader.Read(path);

        Assert.IsNull(result.Value);
        var error = DiagnosticAssert.SingleError(result.Diagnostics, "cannot read file");
        Assert.AreEqual((path, 0, 0), (error.File, error.Line, error.Column));
    }

    [TestMethod]
    public void Read_LiteralLessThanInAttribute_ReportsXmlErrorLocation()
    {
        // value="<YourEnvironmentID>" on line 6: the '<' is the 54th character.
        var result = ServiceConfigurationReader.Read(TestPaths.Corpus(Dynatrace));

        var error = DiagnosticAssert.SingleError(result.Diagnostics, "not well-formed");
        Assert.AreEqual((6, 54), (error.Line, error.Column));
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
    public void Read_Dash_ReadsRolesSettingsCertificatesAndRawNetwork()
    {
        var result = ServiceConfigurationReader.Read(TestPaths.Corpus(Dash));

        DiagnosticAssert.NoDiagnostics(result.Diagnostics);
        var configuration = result.Value!;
        Assert.AreEqual(("DashServer.Azure", 4, "*", "2014-06.2.4"), (configuration.ServiceName, configuration.OsFamily, configuration.OsVersion, configuration.SchemaVersion));
        var role = configuration.Roles.Single();
        Assert.AreEqual(4, role.InstanceCount);
        Assert.HasCount(32, role.Settings);
        Assert.AreEqual("Microsoft.WindowsAzure.Plugins.Diagnostics.ConnectionString", role.Settings[0].Name);
        Assert.AreEqual(("0000000000000000000000000000000000000000", "sha1"), (role.Certificates[0].Thumbprint, role.Certificates[0].ThumbprintAlgorithm));
        var network = configuration.NetworkConfiguration!;
        Assert.AreEqual(43, network.Location.Line);
        Assert.AreEqual("Dash_ILB", network.ToXElement().Descendants().Single(e => e.Name.LocalName == "LoadBalancer").Attribute("name")!.Value);
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
        var result = ServiceConfigurationReader.Read(TestPaths.Corpus("kscharding__Strategic-Response-Foundation__ServiceConfiguration.cscfg"));

        DiagnosticAssert.NoDiagnostics(result.Diagnostics);
        Assert.AreEqual(((int?)null, (string?)null), (result.Value!.OsFamily, result.Value.OsVersion));
    }

    [TestMethod]
    public void Parse_TruncatedCorpusFiles_NeverThrow()
    {
        foreach (var entry in CorpusEntry.LoadIndex().Where(e => e.Kind == "cscfg"))
        {
            var text = File.ReadAllText(entry.FullPath);
            for (var length = 0; length < text.TrimEnd().Length; length += 29)
            {
                var result = ServiceConfigurationReader.Parse(text[..length], entry.SavedName);
                Assert.IsTrue(result.HasErrors, $"{entry.SavedName} cut at {length} should not parse cleanly");
            }
        }
    }
}
