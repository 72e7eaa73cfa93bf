using BackgroundRoles.ServiceModel.Tests.Support;

namespace BackgroundRoles.ServiceModel.Tests.Autoscale;

/// <summary>AutoscaleValidator: rules against the csdef and cscfg they scale.</summary>
[TestClass]
public sealed class AutoscaleValidatorTests
{
    private static readonly ServiceDefinition Definition = Xml.ParseDefinition("""
        <WorkerRole name="Worker"><ConfigurationSettings><Setting name="StorageConnectionString" /><Setting name="Other" /></ConfigurationSettings></WorkerRole>
        """);

    private static readonly ServiceConfiguration Configuration = Xml.ParseConfiguration("""
        <Role name="Worker"><Instances count="6" /><ConfigurationSettings><Setting name="StorageConnectionString" value="UseDevelopmentStorage=true" /><Setting name="Other" value="" /></ConfigurationSettings></Role>
        """);

    private static IReadOnlyList<Diagnostic> Validate(string role, string fields)
    {
        var read = AutoscaleRulesReader.Parse($$"""{ "roles": { "{{role}}": { {{fields}}, "queues": [ { "name": "orders", "messagesPerInstance": 10 } ] } } }""", "rules.json");
        DiagnosticAssert.NoErrors(read.Diagnostics);
        return AutoscaleValidator.Validate(Definition, Configuration, read.Value!);
    }

    [TestMethod]
    public void Validate_MatchingRule_ReportsNothing()
    {
        DiagnosticAssert.NoDiagnostics(Validate("worker", "\"minInstances\": 2, \"maxInstances\": 8"));
    }

    [TestMethod]
    public void Validate_UnknownRole_ErrorListingTheRoles()
    {
        var error = DiagnosticAssert.SingleError(Validate("Web", "\"minInstances\": 1, \"maxInstances\": 8"), "roles.Web: the service definition has no role 'Web'; its roles: Worker");

        Assert.AreEqual(("rules.json", 1, 14), (error.File, error.Line, error.Column));
    }

    [TestMethod]
    public void Validate_UndeclaredConnectionSetting_ErrorNamingIt()
    {
        DiagnosticAssert.SingleError(Validate("Worker", "\"minInstances\": 1, \"maxInstances\": 8, \"connectionSetting\": \"Queues\""), "roles.Worker.connectionSetting: role 'Worker' declares no setting 'Queues'");
    }

    [TestMethod]
    public void Validate_CountOutsideTheBounds_Warning()
    {
        var diagnostics = Validate("Worker", "\"minInstances\": 1, \"maxInstances\": 4");

        DiagnosticAssert.SingleWarning(diagnostics, "the configuration's 6 instance(s) lie outside the rule's 1 to 4");
        DiagnosticAssert.NoErrors(diagnostics);
    }
}
