using BackgroundRoles.ServiceModel.Tests.Support;
using BackgroundRoles.Tests;

namespace BackgroundRoles.ServiceModel.Tests;

/// <summary>ValidateDefinition: checks on a csdef alone.</summary>
[TestClass]
public sealed partial class ServiceModelValidatorTests
{
    private static IReadOnlyList<Diagnostic> ValidateDefinition(string body)
    {
        var result = ServiceDefinitionReader.Parse(Xml.Definition(body), "x.csdef");
        DiagnosticAssert.NoErrors(result.Diagnostics);
        return ServiceModelValidator.ValidateDefinition(result.Value!);
    }

    [TestMethod]
    public void ValidateDefinition_NoRoles_ReportsError()
    {
        var diagnostics = ValidateDefinition("");

        Assert.AreEqual(1, DiagnosticAssert.SingleError(diagnostics, "declares no roles").Line);
    }

    [TestMethod]
    public void ValidateDefinition_RoleNamesDifferingOnlyInCase_ReportsDuplicate()
    {
        var diagnostics = ValidateDefinition("<WebRole name=\"Web\" />\n<WorkerRole name=\"web\" />");

        Assert.AreEqual(3, DiagnosticAssert.SingleError(diagnostics, "duplicate role 'web'").Line);
    }

    [TestMethod]
    public void ValidateDefinition_DuplicateSettingAndEndpointNames_ReportsBoth()
    {
        var diagnostics = ValidateDefinition("""
            <WorkerRole name="w">
              <ConfigurationSettings><Setting name="S" /><Setting name="S" /></ConfigurationSettings>
              <Endpoints><InputEndpoint name="e" protocol="tcp" port="1" /><InternalEndpoint name="e" protocol="tcp" /></Endpoints>
            </WorkerRole>
            """);

        DiagnosticAssert.SingleError(diagnostics, "duplicate setting 'S' in role 'w'");
        DiagnosticAssert.SingleError(diagnostics, "duplicate endpoint 'e' in role 'w'");
    }

    [TestMethod]
    public void ValidateDefinition_LocalPortOutOfRange_PointsAtEndpoint()
    {
        var definition = ServiceDefinitionReader.Read(ServiceModelFixtures.Invalid("localport-out-of-range.csdef")).Value!;

        var diagnostics = ServiceModelValidator.ValidateDefinition(definition);

        var error = DiagnosticAssert.SingleError(diagnostics, "localPort 555555 is outside 1..65535");
        Assert.AreEqual((5, 8), (error.Line, error.Column));
        Assert.HasCount(1, diagnostics.Where(d => d.IsError), "the instance endpoint with localPort 93 outside 89-92 is valid");
    }

    [TestMethod]
    [DataRow("<InputEndpoint name=\"e\" protocol=\"tcp\" port=\"0\" />", "port 0 is outside")]
    [DataRow("<InputEndpoint name=\"e\" protocol=\"tcp\" port=\"70000\" />", "port 70000 is outside")]
    [DataRow("<InternalEndpoint name=\"e\" protocol=\"tcp\"><FixedPort port=\"-1\" /></InternalEndpoint>", "FixedPort -1 is outside")]
    [DataRow("<InternalEndpoint name=\"e\" protocol=\"tcp\"><FixedPortRange min=\"20\" max=\"10\" /></InternalEndpoint>", "min 20 is greater than max 10")]
    [DataRow("<InternalEndpoint name=\"e\" protocol=\"tcp\" port=\"30\"><FixedPortRange min=\"10\" max=\"20\" /></InternalEndpoint>", "port 30 lies outside its FixedPortRange 10-20")]
    [DataRow("<InternalEndpoint name=\"e\" protocol=\"tcp\" port=\"30\"><FixedPort port=\"31\" /></InternalEndpoint>", "differs from its FixedPort 31")]
    [DataRow("<InstanceInputEndpoint name=\"e\" protocol=\"tcp\" localPort=\"80\"><AllocatePublicPortFrom><FixedPortRange min=\"9\" max=\"8\" /></AllocatePublicPortFrom></InstanceInputEndpoint>", "min 9 is greater than max 8")]
    [DataRow("<InputEndpoint name=\"e\" protocol=\"tcp\" port=\"9000\" idleTimeoutInMinutes=\"2\" />", "idleTimeoutInMinutes 2 must be from 4 to 30")]
    [DataRow("<InputEndpoint name=\"e\" protocol=\"tcp\" port=\"9000\" idleTimeoutInMinutes=\"31\" />", "idleTimeoutInMinutes 31 must be from 4 to 30")]
    public void ValidateDefinition_BadPort_ReportsError(string endpoint, string expected)
    {
        var diagnostics = ValidateDefinition($"<WorkerRole name=\"w\"><Endpoints>\n{endpoint}\n</Endpoints></WorkerRole>");

        Assert.AreEqual(3, DiagnosticAssert.SingleError(diagnostics, expected).Line);
    }

    [TestMethod]
    public void ValidateDefinition_FixedPortRangeMinEqualsMax_IsValid()
    {
        var diagnostics = ValidateDefinition(
            "<WorkerRole name=\"w\"><Endpoints><InternalEndpoint name=\"rdp\" protocol=\"tcp\"><FixedPortRange min=\"3389\" max=\"3389\" /></InternalEndpoint></Endpoints></WorkerRole>");

        DiagnosticAssert.NoDiagnostics(diagnostics);
    }

    [TestMethod]
    public void ValidateDefinition_PublicPortUsedTwice_ReportsError()
    {
        var diagnostics = ValidateDefinition("""
            <WebRole name="a"><Endpoints><InputEndpoint name="http" protocol="http" port="80" /></Endpoints></WebRole>
            <WorkerRole name="b"><Endpoints><InputEndpoint name="tcp" protocol="tcp" port="80" /></Endpoints></WorkerRole>
            """);

        DiagnosticAssert.SingleError(diagnostics, "public port 80 of endpoint 'tcp' is already used by endpoint 'http' of role 'a'");
    }

    [TestMethod]
    public void ValidateDefinition_BindingToUndeclaredEndpoint_ReportsError()
    {
        var diagnostics = ValidateDefinition(
            "<WebRole name=\"w\"><Sites><Site name=\"Web\"><Bindings><Binding name=\"b\" endpointName=\"Missing\" /></Bindings></Site></Sites></WebRole>");

        DiagnosticAssert.SingleError(diagnostics, "refers to endpoint 'Missing'");
    }

    [TestMethod]
    public void ValidateDefinition_UndeclaredProbe_ReportsError()
    {
        var diagnostics = ValidateDefinition(
            "<WebRole name=\"w\"><Endpoints><InputEndpoint name=\"e\" protocol=\"http\" port=\"80\" loadBalancerProbe=\"P\" /></Endpoints></WebRole>");

        DiagnosticAssert.SingleError(diagnostics, "load balancer probe 'P'");
    }

    [TestMethod]
    public void ValidateDefinition_DanglingRoleInstanceValue_WarnsButNoError()
    {
        var definition = ServiceDefinitionReader.Read(ServiceModelFixtures.Valid("dangling-roleinstancevalue.csdef")).Value!;

        var diagnostics = ServiceModelValidator.ValidateDefinition(definition);

        DiagnosticAssert.NoErrors(diagnostics);
        var warnings = diagnostics.Where(d => d.Message.Contains("endpoint 'HttpIn'", StringComparison.Ordinal)).Select(d => d.Line);
        Assert.AreEqual("9", string.Join(",", warnings));
    }

    [TestMethod]
    public void ValidateDefinition_RoleInstanceValueReferences_ResolveAgainstRole()
    {
        var diagnostics = ValidateDefinition("""
            <WorkerRole name="w">
              <Imports><Import moduleName="Diagnostics" /></Imports>
              <ConfigurationSettings><Setting name="S" /></ConfigurationSettings>
              <LocalResources><LocalStorage name="tmp" /></LocalResources>
              <Endpoints><InputEndpoint name="e" protocol="tcp" port="80" /></Endpoints>
              <Runtime><Environment>
                <Variable name="A"><RoleInstanceValue xpath="/RoleEnvironment/CurrentInstance/ConfigurationSettings/ConfigurationSetting[@name='S']/@value" /></Variable>
                <Variable name="B"><RoleInstanceValue xpath="/RoleEnvironment/CurrentInstance/LocalResources/LocalResource[@name='tmp']/@path" /></Variable>
                <Variable name="C"><RoleInstanceValue xpath="/RoleEnvironment/CurrentInstance/Endpoints/Endpoint[@name='e']/@port" /></Variable>
                <Variable name="D"><RoleInstanceValue xpath="/RoleEnvironment/CurrentInstance/ConfigurationSettings/ConfigurationSetting[@name='Microsoft.WindowsAzure.Plugins.Diagnostics.ConnectionString']/@value" /></Variable>
                <Variable name="E"><RoleInstanceValue xpath="/RoleEnvironment/CurrentInstance/LocalResources/LocalResource[@name='gone']/@path" /></Variable>
              </Environment></Runtime>
            </WorkerRole>
            """);

        Assert.AreEqual(12, DiagnosticAssert.SingleWarning(diagnostics, "local resource 'gone'").Line);
        Assert.HasCount(1, diagnostics);
    }
}
