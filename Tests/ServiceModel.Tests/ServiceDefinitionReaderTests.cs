using BackgroundRoles.ServiceModel.Tests.Support;
using BackgroundRoles.Tests;

namespace BackgroundRoles.ServiceModel.Tests;

[TestClass]
public sealed partial class ServiceDefinitionReaderTests
{
    private static readonly string ScriptWorker = ServiceModelFixtures.Valid("worker-startup-runtime.csdef");

    [TestMethod]
    public void Read_MissingFile_ReturnsDiagnosticWithoutLocation()
    {
        var path = Path.Combine(RepositoryPaths.Root, "no-such-dir", "ServiceDefinition.csdef");

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
    public void Read_MismatchedEndTag_ReportsXmlErrorLocation()
    {
        // <WokerRole> opened on line 2 is closed by </WorkerRole> on line 11, whose name starts at column 5.
        var path = ServiceModelFixtures.Invalid("mismatched-end-tag.csdef");

        var result = ServiceDefinitionReader.Read(path);

        Assert.IsNull(result.Value);
        var error = DiagnosticAssert.SingleError(result.Diagnostics, "not well-formed");
        Assert.AreEqual((11, 5), (error.Line, error.Column));
        Assert.AreEqual(path, error.File);
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
        var result = ServiceDefinitionReader.Read(ServiceModelFixtures.Invalid("entrypoint-under-role.csdef"));

        var error = DiagnosticAssert.SingleError(result.Diagnostics, "<EntryPoint> is not allowed inside <WorkerRole>");
        Assert.AreEqual((3, 5), (error.Line, error.Column));
    }

    [TestMethod]
    public void Read_RenamedNameAttributes_ReportsEachMissingName()
    {
        // name_old on the service and the first role, no name at all on the second role's endpoint.
        var result = ServiceDefinitionReader.Read(ServiceModelFixtures.Invalid("missing-names.csdef"));

        var missing = result.Diagnostics.Where(d => d.IsError && d.Message.Contains("missing required attribute 'name'", StringComparison.Ordinal));
        Assert.AreEqual("2,3,10", string.Join(",", missing.Select(d => d.Line)));
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
    public void Read_ScriptWorker_ReadsStartupRuntimeAndResources()
    {
        // CRLF line endings; tasks without taskType are simple.
        var definition = ServiceDefinitionReader.Read(ScriptWorker).Value!;

        Assert.AreEqual("ScriptWorker", definition.Name);
        var role = definition.Roles.Single();
        Assert.AreEqual((RoleKind.Worker, "Worker", "ExtraSmall"), (role.Kind, role.Name, role.VmSize));
        Assert.AreEqual(
            "install-runtime.cmd Elevated Simple; install-packages.cmd Limited Simple",
            string.Join("; ", role.StartupTasks.Select(t => $"{t.CommandLine} {t.ExecutionContext} {t.TaskType}")));
        var entryPoint = (ProgramEntryPoint)role.Runtime!.EntryPoint!;
        Assert.AreEqual(("run.cmd", true), (entryPoint.CommandLine, entryPoint.SetReadyOnProcessStart));
        Assert.AreEqual(new LocalStorage("cache", 1000, true, role.LocalStorage[0].Location), role.LocalStorage.Single());
        Assert.AreEqual((34, 8), (role.LocalStorage[0].Location.Line, role.LocalStorage[0].Location.Column));
    }

    [TestMethod]
    public void Read_ScriptWorker_ParsesRoleInstanceValues()
    {
        var role = ServiceDefinitionReader.Read(ScriptWorker).Value!.Roles.Single();

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
