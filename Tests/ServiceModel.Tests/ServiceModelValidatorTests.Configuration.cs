using BackgroundRoles.ServiceModel.Tests.Support;
using BackgroundRoles.Tests;

namespace BackgroundRoles.ServiceModel.Tests;

/// <summary>ValidateConfiguration: checks on a cscfg alone.</summary>
public sealed partial class ServiceModelValidatorTests
{
    private static IReadOnlyList<Diagnostic> ValidateConfiguration(string body) =>
        ServiceModelValidator.ValidateConfiguration(Xml.ParseConfiguration(body));

    [TestMethod]
    [DataRow("0")]
    [DataRow("-3")]
    public void ValidateConfiguration_InstancesBelowOne_ReportsError(string count)
    {
        var diagnostics = ValidateConfiguration($"<Role name=\"w\"><Instances count=\"{count}\" /></Role>");

        Assert.AreEqual(2, DiagnosticAssert.SingleError(diagnostics, $"Instances count {count}").Line);
    }

    [TestMethod]
    public void ValidateConfiguration_NoRoles_ReportsError()
    {
        DiagnosticAssert.SingleError(ValidateConfiguration(""), "has no <Role>");
    }

    [TestMethod]
    public void ValidateConfiguration_DecimalThumbprint_ReportsError()
    {
        var configuration = ServiceConfigurationReader.Read(ServiceModelFixtures.Invalid("decimal-thumbprint.cscfg")).Value!;

        var error = DiagnosticAssert.SingleError(ServiceModelValidator.ValidateConfiguration(configuration), "is not 40 hexadecimal digits");

        Assert.AreEqual((6, 8), (error.Line, error.Column));
    }

    [TestMethod]
    [DataRow("", DiagnosticSeverity.Warning)]
    [DataRow("D2CA3A778E08936DD4C61E2734158B004483101", DiagnosticSeverity.Error)]
    [DataRow("D2CA3A778E08936DD4C61E2734158B004483101G", DiagnosticSeverity.Error)]
    [DataRow("D2 CA 3A 77 8E 08 93 6D D4 C6 1E 27 34 15", DiagnosticSeverity.Error)]
    public void ValidateConfiguration_ThumbprintNotFortyHexDigits_ReportsBySeverity(string thumbprint, DiagnosticSeverity severity)
    {
        var diagnostics = ValidateConfiguration(
            $"<Role name=\"w\"><Instances count=\"1\" /><Certificates><Certificate name=\"c\" thumbprint=\"{thumbprint}\" thumbprintAlgorithm=\"sha1\" /></Certificates></Role>");

        Assert.AreEqual(severity, diagnostics.Single().Severity);
    }

    [TestMethod]
    public void ValidateConfiguration_LowerCaseHexThumbprint_IsValid()
    {
        var diagnostics = ValidateConfiguration(
            "<Role name=\"w\"><Instances count=\"1\" /><Certificates><Certificate name=\"c\" thumbprint=\"d2ca3a778e08936dd4c61e2734158b0044831010\" /></Certificates></Role>");

        DiagnosticAssert.NoDiagnostics(diagnostics);
    }

    [TestMethod]
    public void ValidateConfiguration_DuplicateRolesAndSettings_ReportsAll()
    {
        var diagnostics = ValidateConfiguration("""
            <Role name="w"><Instances count="1" /><ConfigurationSettings><Setting name="a" value="1" /><Setting name="a" value="2" /></ConfigurationSettings></Role>
            <Role name="W"><Instances count="1" /></Role>
            """);

        DiagnosticAssert.SingleError(diagnostics, "duplicate role 'W'");
        DiagnosticAssert.SingleError(diagnostics, "duplicate setting 'a' in role 'w'");
    }
}
