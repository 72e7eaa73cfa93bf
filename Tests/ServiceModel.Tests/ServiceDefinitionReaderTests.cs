using BackgroundRoles.ServiceModel.Tests.Support;

namespace BackgroundRoles.ServiceModel.Tests;

[TestClass]
public sealed partial class ServiceDefinitionReaderTests
{
    private const string Railsrole = "Aaronontheweb__railsrole__ServiceDefinition.csdef";
    private const string Malformed = "brectanus-sigsci__azure_cloud_service__ServiceConfiguration.csdef";
    private const string EntryPointUnderRole =
        "microsoft__WindowsAzureToolkitForEclipseWithJava__Utils__ProjectManagerLibrary__test__testdata__WindowsAzureProjectErr__ServiceDefinition.csdef";
    private const string NameOld =
        "microsoft__WindowsAzureToolkitForEclipseWithJava__Utils__ProjectManagerLibrary__test__testdata__WindowsAzureProjectErr1__ServiceDefinition.csdef";

    [TestMethod]
    public void Read_MissingFile_ReturnsDiagnosticWithoutLocation()
    {
        var path = Path.Combine(TestPaths.RepositoryRoot, "no-such-dir", "ServiceDefinition.csdef");

        var result = ServiceDefinitionReader.Read(path);

        Assert.IsNull(result.Value);
        var error = DiagnosticAssert.SingleError(result.Diagnostics, "cannot read file");
        Assert.AreEqual((path, 0, 0), (error.File, error.Line, error.Column));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("\0bad")]
    public void Read_UnusablePath_ReturnsDiagnostic(string path)
    {
        var result = ServiceDefinitionReader.Read(path);

        Assert.IsTrue(result.HasErrors);
        Assert.IsNull(result.Value);
    }

    [TestMethod]
    public void Read_MalformedCorpusFile_ReportsXmlErrorLocation()
    {
        // <WokerRole> opened on line 3 is closed by </WorkerRole> on line 18, column 7.
        var result = ServiceDefinitionReader.Read(TestPaths.Corpus(Malformed));

        Assert.IsNull(result.Value);
        var error = DiagnosticAssert.SingleError(result.Diagnostics, "not well-formed");
        Assert.AreEqual((18, 7), (error.Line, error.Column));
        Assert.AreEqual(TestPaths.Corpus(Malformed), error.File);
    }

    [TestMethod]
    public void Parse_UnterminatedTag_ReportsLineAndColumn()
    {
        var xml = Xml.Definition("  <WorkerRole name=\"w\">\n    <Imports\n  </WorkerRole>");

        var result = ServiceDefinitionReader.Parse(xml, "x.csdef");

        var error = DiagnosticAssert.SingleError(result.Diagnostics, "not well-formed");
        Assert.AreEqual(("x.csdef", 4, 3), (error.File, error.Line, error.Column));
    }

    [TestMethod]
    public void Parse_BadPortAttribute_PointsAtTheAttribute()
    {
        var xml = Xml.Definition(
            "  <WorkerRole name=\"w\">\n    <Endpoints>\n      <InputEndpoint name=\"e\" protocol=\"tcp\" port=\"x80\" />\n    </Endpoints>\n  </WorkerRole>");

        var result = ServiceDefinitionReader.Parse(xml, "x.csdef");

        var error = DiagnosticAssert.SingleError(result.Diagnostics, "'port' is not a whole number: 'x80'");
        Assert.AreEqual((4, Xml.ColumnOf(xml, 4, "port=")), (error.Line, error.Column));
        Assert.IsNotNull(result.Value, "a well-formed file still yields a model");
    }

    [TestMethod]
    public void Parse_SeveralProblems_ReportsThemAllTogether()
    {
        var xml = Xml.Definition("""
              <WorkerRole>
                <Startup>
                  <Task commandLine="a.cmd" taskType="sometimes" executionContext="root" />
                </Startup>
                <Endpoints>
                  <InputEndpoint name="e" protocol="ftp" port="eighty" />
                </Endpoints>
              </WorkerRole>
            """);

        var result = ServiceDefinitionReader.Parse(xml, "x.csdef");

        DiagnosticAssert.SingleError(result.Diagnostics, "missing required attribute 'name'");
        DiagnosticAssert.SingleError(result.Diagnostics, "'taskType' has unknown value 'sometimes'");
        DiagnosticAssert.SingleError(result.Diagnostics, "'executionContext' has unknown value 'root'");
        DiagnosticAssert.SingleError(result.Diagnostics, "'protocol' has unknown value 'ftp'");
        DiagnosticAssert.SingleError(result.Diagnostics, "'port' is not a whole number");
        Assert.HasCount(5, result.Diagnostics);
    }

    [TestMethod]
    public void Read_EntryPointDirectlyUnderRole_ReportsMisplacedElement()
    {
        var result = ServiceDefinitionReader.Read(TestPaths.Corpus(EntryPointUnderRole));

        var error = DiagnosticAssert.SingleError(result.Diagnostics, "<EntryPoint> is not allowed inside <WorkerRole>");
        Assert.AreEqual((3, 4), (error.Line, error.Column));
    }

    [TestMethod]
    public void Read_NameOldAttributes_ReportsEachMissingName()
    {
        var result = ServiceDefinitionReader.Read(TestPaths.Corpus(NameOld));

        var missing = result.Diagnostics.Where(d => d.IsError && d.Message.Contains("missing required attribute 'name'", StringComparison.Ordinal));
        Assert.AreEqual("1,2,12,12", string.Join(",", missing.Select(d => d.Line)));
    }

    [TestMethod]
    public void Parse_UnknownElement_WarnsAndIgnores()
    {
        var result = ServiceDefinitionReader.Parse(
            Xml.Definition("  <WorkerRole name=\"w\"><Telemetry level=\"high\" /></WorkerRole>"), "x.csdef");

        DiagnosticAssert.SingleWarning(result.Diagnostics, "unrecognised element <Telemetry>");
        Assert.IsFalse(result.HasErrors);
    }

    [TestMethod]
    public void Parse_ElementFromOtherNamespace_WarnsAndIgnores()
    {
        var result = ServiceDefinitionReader.Parse(
            Xml.Definition("  <WorkerRole name=\"w\"><x:Extra xmlns:x=\"urn:other\" /></WorkerRole>"), "x.csdef");

        DiagnosticAssert.SingleWarning(result.Diagnostics, "not in the service model namespace");
        Assert.IsFalse(result.HasErrors);
    }

    [TestMethod]
    [DataRow("<ServiceConfiguration serviceName=\"s\" xmlns=\"http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration\" />")]
    [DataRow("<ServiceDefinition name=\"s\"><WorkerRole name=\"w\" /></ServiceDefinition>")]
    public void Parse_WrongRoot_ReportsErrorAndNoValue(string xml)
    {
        var result = ServiceDefinitionReader.Parse(xml, "x.csdef");

        Assert.IsNull(result.Value);
        Assert.AreEqual(1, DiagnosticAssert.SingleError(result.Diagnostics, "root element").Line);
    }

    [TestMethod]
    public void Parse_DocumentTypeDeclaration_IsRejectedNotExpanded()
    {
        const string xml = "<!DOCTYPE d [<!ENTITY e \"boom\">]><ServiceDefinition name=\"&e;\" />";

        var result = ServiceDefinitionReader.Parse(xml, "x.csdef");

        Assert.IsNull(result.Value);
        DiagnosticAssert.SingleError(result.Diagnostics, "not well-formed");
    }

    [TestMethod]
    public void Parse_LeadingByteOrderMark_IsAccepted()
    {
        var result = ServiceDefinitionReader.Parse("\uFEFF" + Xml.Definition("<WorkerRole name=\"w\" />"), "x.csdef");

        DiagnosticAssert.NoDiagnostics(result.Diagnostics);
    }

    [TestMethod]
    public void Parse_TruncatedCorpusFiles_NeverThrow()
    {
        foreach (var entry in CorpusEntry.LoadIndex().Where(e => e.Kind != "cscfg"))
        {
            var text = File.ReadAllText(entry.FullPath);
            for (var length = 0; length < text.TrimEnd().Length; length += 37)
            {
                var result = ServiceDefinitionReader.Parse(text[..length], entry.SavedName);
                Assert.IsTrue(result.HasErrors, $"{entry.SavedName} cut at {length} should not parse cleanly");
            }
        }
    }

    [TestMethod]
    public void Read_Railsrole_ReadsStartupRuntimeAndResources()
    {
        var definition = ServiceDefinitionReader.Read(TestPaths.Corpus(Railsrole)).Value!;

        Assert.AreEqual("PackAndDeploy", definition.Name);
        var role = definition.Roles.Single();
        Assert.AreEqual((RoleKind.Worker, "WorkerRole", "ExtraSmall"), (role.Kind, role.Name, role.VmSize));
        Assert.AreEqual(
            "installRails.cmd Elevated Simple; installDependencies.cmd Limited Simple",
            string.Join("; ", role.StartupTasks.Select(t => $"{t.CommandLine} {t.ExecutionContext} {t.TaskType}")));
        var entryPoint = (ProgramEntryPoint)role.Runtime!.EntryPoint!;
        Assert.AreEqual(("run.cmd", true), (entryPoint.CommandLine, entryPoint.SetReadyOnProcessStart));
        Assert.AreEqual(new LocalStorage("rails", 1000, true, role.LocalStorage[0].Location), role.LocalStorage.Single());
        Assert.AreEqual((43, 14), (role.LocalStorage[0].Location.Line, role.LocalStorage[0].Location.Column));
    }

    [TestMethod]
    public void Read_Railsrole_ParsesRoleInstanceValues()
    {
        var role = ServiceDefinitionReader.Read(TestPaths.Corpus(Railsrole)).Value!.Roles.Single();

        var port = role.Runtime!.Environment.Single(v => v.Name == "PORT");
        Assert.IsNull(port.Value);
        Assert.AreEqual("/RoleEnvironment/CurrentInstance/Endpoints/Endpoint[@name='HttpIn']/@port", port.RoleInstanceValue!.XPath);
        Assert.AreEqual(new RoleInstanceReference(RoleInstanceReferenceKind.Endpoint, "HttpIn", "port"), port.RoleInstanceValue.Reference);
        var emulated = role.StartupTasks[0].Environment.Single(v => v.Name == "EMULATED");
        Assert.AreEqual(RoleInstanceReferenceKind.Deployment, emulated.RoleInstanceValue!.Reference.Kind);
    }

    [TestMethod]
    public void FindRole_OtherCase_FindsRoleKeepingOriginalCase()
    {
        var definition = Xml.ParseDefinition("<WebRole name=\"Your WebRole\" />");

        Assert.AreEqual("Your WebRole", definition.FindRole("your webrole")?.Name);
        Assert.IsNull(definition.FindRole("other"));
    }
}
