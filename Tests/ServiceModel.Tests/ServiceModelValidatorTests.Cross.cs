using BackgroundRoles.ServiceModel.Tests.Support;

namespace BackgroundRoles.ServiceModel.Tests;

/// <summary>CrossValidate: a cscfg against its csdef.</summary>
public sealed partial class ServiceModelValidatorTests
{
    private const string CrossDefinition = """
        <WorkerRole name="Worker">
          <Imports><Import moduleName="RemoteAccess" /><Import moduleName="Diagnostics" /></Imports>
          <ConfigurationSettings><Setting name="Storage" /><Setting name="Mode" /></ConfigurationSettings>
          <Certificates><Certificate name="ssl" storeLocation="LocalMachine" storeName="My" /></Certificates>
        </WorkerRole>
        """;

    private const string Thumbprint = "D2CA3A778E08936DD4C61E2734158B0044831010";

    private static IReadOnlyList<Diagnostic> CrossValidate(string configurationRoles, string serviceName = "svc")
    {
        var definition = Xml.ParseDefinition(CrossDefinition);
        var configuration = Xml.ParseConfiguration(configurationRoles, serviceName);
        return ServiceModelValidator.CrossValidate(definition, configuration);
    }

    private static string WorkerRole(string settings, string certificates = $"<Certificate name=\"ssl\" thumbprint=\"{Thumbprint}\" />", string name = "Worker") =>
        $"<Role name=\"{name}\"><Instances count=\"1\" /><ConfigurationSettings>{settings}</ConfigurationSettings><Certificates>{certificates}</Certificates></Role>";

    [TestMethod]
    public void CrossValidate_MatchingFiles_ReportsNothing()
    {
        DiagnosticAssert.NoDiagnostics(CrossValidate(WorkerRole("<Setting name=\"Storage\" value=\"x\" /><Setting name=\"Mode\" value=\"\" />")));
    }

    [TestMethod]
    public void CrossValidate_MissingSettingValue_ReportsErrorAtRole()
    {
        var diagnostics = CrossValidate(WorkerRole("<Setting name=\"Storage\" value=\"x\" />"));

        var error = DiagnosticAssert.SingleError(diagnostics, "no value for setting 'Mode'");
        Assert.AreEqual(("test.cscfg", 2), (error.File, error.Line));
    }

    [TestMethod]
    public void CrossValidate_UndeclaredSetting_ReportsErrorAtSetting()
    {
        var diagnostics = CrossValidate(WorkerRole("<Setting name=\"Storage\" value=\"\" /><Setting name=\"Mode\" value=\"\" /><Setting name=\"Extra\" value=\"1\" />"));

        DiagnosticAssert.SingleError(diagnostics, "setting 'Extra' is not declared");
        Assert.HasCount(1, diagnostics);
    }

    [TestMethod]
    public void CrossValidate_SettingNameInOtherCase_ReportsBothWithHint()
    {
        var diagnostics = CrossValidate(WorkerRole("<Setting name=\"Storage\" value=\"\" /><Setting name=\"mode\" value=\"\" />"));

        DiagnosticAssert.SingleError(diagnostics, "did you mean 'Mode'?");
        DiagnosticAssert.SingleError(diagnostics, "no value for setting 'Mode'");
    }

    [TestMethod]
    public void CrossValidate_ImportedModuleSettings_AcceptedAndNotRequired()
    {
        var diagnostics = CrossValidate(WorkerRole(
            "<Setting name=\"Storage\" value=\"\" /><Setting name=\"Mode\" value=\"\" />"
            + "<Setting name=\"Microsoft.WindowsAzure.Plugins.RemoteAccess.Enabled\" value=\"true\" />"
            + "<Setting name=\"Microsoft.WindowsAzure.Plugins.Diagnostics.ConnectionString\" value=\"\" />",
            $"<Certificate name=\"ssl\" thumbprint=\"{Thumbprint}\" /><Certificate name=\"Microsoft.WindowsAzure.Plugins.RemoteAccess.PasswordEncryption\" thumbprint=\"{Thumbprint}\" />"));

        DiagnosticAssert.NoDiagnostics(diagnostics);
    }

    [TestMethod]
    public void CrossValidate_SettingOfModuleNotImported_ReportsError()
    {
        var diagnostics = CrossValidate(WorkerRole(
            "<Setting name=\"Storage\" value=\"\" /><Setting name=\"Mode\" value=\"\" /><Setting name=\"Microsoft.WindowsAzure.Plugins.Caching.NamedCaches\" value=\"\" />"));

        DiagnosticAssert.SingleError(diagnostics, "'Microsoft.WindowsAzure.Plugins.Caching.NamedCaches' is not declared");
    }

    [TestMethod]
    public void CrossValidate_RoleMissingFromEitherFile_ReportsBoth()
    {
        var diagnostics = CrossValidate(WorkerRole("<Setting name=\"Storage\" value=\"\" /><Setting name=\"Mode\" value=\"\" />", name: "Other"));

        DiagnosticAssert.SingleError(diagnostics, "role 'Other' is not declared in the service definition");
        DiagnosticAssert.SingleError(diagnostics, "role 'Worker' declared at test.csdef(2,2) has no <Role>");
        Assert.HasCount(2, diagnostics);
    }

    [TestMethod]
    public void CrossValidate_RoleNameInOtherCase_WarnsOnly()
    {
        var diagnostics = CrossValidate(WorkerRole("<Setting name=\"Storage\" value=\"\" /><Setting name=\"Mode\" value=\"\" />", name: "worker"));

        DiagnosticAssert.NoErrors(diagnostics);
        DiagnosticAssert.SingleWarning(diagnostics, "case differs");
    }

    [TestMethod]
    public void CrossValidate_ServiceNameMismatch_ReportsError()
    {
        var diagnostics = CrossValidate(WorkerRole("<Setting name=\"Storage\" value=\"\" /><Setting name=\"Mode\" value=\"\" />"), serviceName: "other");

        Assert.AreEqual(1, DiagnosticAssert.SingleError(diagnostics, "serviceName 'other' does not match").Line);
    }

    [TestMethod]
    public void CrossValidate_CertificateMissingOrUndeclared_ReportsBoth()
    {
        var diagnostics = CrossValidate(WorkerRole(
            "<Setting name=\"Storage\" value=\"\" /><Setting name=\"Mode\" value=\"\" />",
            $"<Certificate name=\"tls\" thumbprint=\"{Thumbprint}\" />"));

        DiagnosticAssert.SingleError(diagnostics, "no thumbprint for certificate 'ssl'");
        DiagnosticAssert.SingleError(diagnostics, "certificate 'tls' is not declared");
    }
}
