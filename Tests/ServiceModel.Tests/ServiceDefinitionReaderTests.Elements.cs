using BackgroundRoles.ServiceModel.Tests.Support;
using BackgroundRoles.Tests;

namespace BackgroundRoles.ServiceModel.Tests;

/// <summary>Element-by-element reading: endpoints, sites, contents, certificates, plugins, legacy forms.</summary>
public sealed partial class ServiceDefinitionReaderTests
{
    [TestMethod]
    public void Read_PackagedDefinition_ReadsFixedPortRangeAndWildcardLocalPort()
    {
        var role = ServiceDefinitionReader.Read(ServiceModelFixtures.Valid("packaged-wildcard-localport.csdef")).Value!.Roles.Single();

        var rdpInput = role.InputEndpoints.Single(e => e.Name.EndsWith("RdpInput", StringComparison.Ordinal));
        Assert.AreEqual((3389, null, true, true), (rdpInput.Port, rdpInput.LocalPort, rdpInput.LocalPortIsAny, rdpInput.IgnoreRoleInstanceStatus));
        var rdp = role.InternalEndpoints.Single();
        Assert.AreEqual((EndpointProtocol.Tcp, (int?)null), (rdp.Protocol, rdp.Port));
        Assert.AreEqual((3389, 3389), (rdp.FixedPortRange!.Min, rdp.FixedPortRange.Max));
    }

    [TestMethod]
    public void Parse_InternalEndpointForms_ReadsPortFixedPortAndNone()
    {
        var role = Xml.ParseDefinition("""
            <WorkerRole name="w"><Endpoints>
              <InternalEndpoint name="a" protocol="tcp" port="11111" />
              <InternalEndpoint name="b" protocol="tcp"><FixedPort port="34" /></InternalEndpoint>
              <InternalEndpoint name="c" protocol="any" />
            </Endpoints></WorkerRole>
            """).Roles.Single();

        Assert.AreEqual(
            "a Tcp 11111 -; b Tcp - 34; c Any - -",
            string.Join("; ", role.InternalEndpoints.Select(e => $"{e.Name} {e.Protocol} {e.Port?.ToString() ?? "-"} {e.FixedPort?.ToString() ?? "-"}")));
    }

    [TestMethod]
    public void Parse_InstanceInputEndpoint_ReadsLocalPortAndPublicRange()
    {
        var endpoint = Xml.ParseDefinition("""
            <WebRole name="w"><Endpoints>
              <InstanceInputEndpoint name="direct" protocol="tcp" localPort="443">
                <AllocatePublicPortFrom><FixedPortRange max="44309" min="44301" /></AllocatePublicPortFrom>
              </InstanceInputEndpoint>
            </Endpoints></WebRole>
            """).Roles.Single().InstanceInputEndpoints.Single();

        Assert.AreEqual((443, 44301, 44309), (endpoint.LocalPort, endpoint.PublicPortRange!.Min, endpoint.PublicPortRange.Max));
    }

    [TestMethod]
    public void Parse_InstanceInputEndpointWithoutRange_ReportsError()
    {
        var result = ServiceDefinitionReader.Parse(
            Xml.Definition("<WorkerRole name=\"w\"><Endpoints><InstanceInputEndpoint name=\"d\" protocol=\"tcp\" localPort=\"80\" /></Endpoints></WorkerRole>"),
            "x.csdef");

        DiagnosticAssert.SingleError(result.Diagnostics, "needs <AllocatePublicPortFrom>");
    }

    [TestMethod]
    public void Read_LegacyInputEndpointsWrapper_AcceptsEndpointsWithWarning()
    {
        var result = ServiceDefinitionReader.Read(ServiceModelFixtures.Valid("legacy-inputendpoints.csdef"));

        Assert.IsFalse(result.HasErrors);
        Assert.AreEqual(14, DiagnosticAssert.SingleWarning(result.Diagnostics, "pre-SDK 1.3").Line);
        Assert.AreEqual("HttpIn", result.Value!.Roles.Single().InputEndpoints.Single().Name);
    }

    [TestMethod]
    public void Read_RoleModulePlugin_ModelsOneModuleRole()
    {
        var result = ServiceDefinitionReader.Read(ServiceModelFixtures.Valid("diagnostics-plugin.csplugin"));

        DiagnosticAssert.NoDiagnostics(result.Diagnostics);
        Assert.IsTrue(result.Value!.IsRoleModule);
        var module = result.Value.Roles.Single();
        Assert.AreEqual((RoleKind.Module, "Microsoft.WindowsAzure.Plugins.Diagnostics"), (module.Kind, module.Name));
        Assert.AreEqual(StartupTaskType.Background, module.StartupTasks[0].TaskType);
        Assert.AreEqual("ConnectionString", module.ConfigurationSettings.Single().Name);
    }

    [TestMethod]
    public void Parse_SitesContentsCertificates_AreRead()
    {
        var role = Xml.ParseDefinition("""
            <WebRole name="web" vmsize="Small" enableNativeCodeExecution="true">
              <Sites><Site name="Web" physicalDirectory="./web"><Bindings>
                <Binding name="b" endpointName="HttpIn" hostHeader="example.org" />
              </Bindings></Site></Sites>
              <Endpoints><InputEndpoint name="HttpIn" protocol="http" port="80" /></Endpoints>
              <Contents><Content destination=".\"><SourceDirectory path="C:\out\" /></Content></Contents>
              <Certificates><Certificate name="ssl" storeLocation="CurrentUser" storeName="My" permissionLevel="elevated" /></Certificates>
            </WebRole>
            """).Roles.Single();

        Assert.IsTrue(role.EnableNativeCodeExecution);
        var site = role.Sites.Single();
        Assert.AreEqual(("Web", "./web", "HttpIn", "example.org"), (site.Name, site.PhysicalDirectory, site.Bindings[0].EndpointName, site.Bindings[0].HostHeader));
        Assert.AreEqual((".\\", "C:\\out\\"), (role.Contents[0].Destination, role.Contents[0].SourceDirectory));
        var certificate = role.Certificates.Single();
        Assert.AreEqual(("CurrentUser", "My", "elevated"), (certificate.StoreLocation, certificate.StoreName, certificate.PermissionLevel));
    }

    [TestMethod]
    public void Parse_NetFxEntryPointAndEmptyRuntime_AreRead()
    {
        var definition = Xml.ParseDefinition("""
            <WorkerRole name="a"><Runtime executionContext="elevated"></Runtime></WorkerRole>
            <WorkerRole name="b"><Runtime><EntryPoint><NetFxEntryPoint assemblyName="W.dll" targetFrameworkVersion="v4.0" /></EntryPoint></Runtime></WorkerRole>
            """);

        Assert.AreEqual(TaskExecutionContext.Elevated, definition.Roles[0].Runtime!.ExecutionContext);
        Assert.IsNull(definition.Roles[0].Runtime!.EntryPoint);
        var netFx = (NetFxEntryPoint)definition.Roles[1].Runtime!.EntryPoint!;
        Assert.AreEqual(("W.dll", "v4.0"), (netFx.AssemblyName, netFx.TargetFrameworkVersion));
    }

    [TestMethod]
    public void Parse_LoadBalancerProbes_AreKept()
    {
        var probe = Xml.ParseDefinition("""
            <LoadBalancerProbes><LoadBalancerProbe name="HTTP" path="/health" protocol="http" port="8080" /></LoadBalancerProbes>
            <WebRole name="w"><Endpoints><InputEndpoint name="e" protocol="http" port="80" loadBalancerProbe="HTTP" /></Endpoints></WebRole>
            """).LoadBalancerProbes.Single();

        Assert.AreEqual(("HTTP", EndpointProtocol.Http, "/health", 8080), (probe.Name, probe.Protocol, probe.Path, probe.Port));
    }

    [TestMethod]
    [DataRow("<Variable name=\"v\" />", "not neither")]
    [DataRow("<Variable name=\"v\" value=\"1\"><RoleInstanceValue xpath=\"/RoleEnvironment/Deployment/@id\" /></Variable>", "not both")]
    public void Parse_VariableWithoutExactlyOneSource_ReportsError(string variable, string expected)
    {
        var result = ServiceDefinitionReader.Parse(
            Xml.Definition($"<WorkerRole name=\"w\"><Runtime><Environment>{variable}</Environment></Runtime></WorkerRole>"), "x.csdef");

        DiagnosticAssert.SingleError(result.Diagnostics, expected);
    }

    [TestMethod]
    [DataRow("<WorkerRole name=\"w\"><Sites /></WorkerRole>", "<Sites> is not allowed inside <WorkerRole>")]
    [DataRow("<WorkerRole name=\"w\"><Task commandLine=\"x\" /></WorkerRole>", "<Task> is not allowed inside <WorkerRole>")]
    [DataRow("<WorkerRole name=\"w\"><Runtime><EntryPoint /></Runtime></WorkerRole>", "exactly one")]
    [DataRow("<WorkerRole name=\"w\"><Runtime /><Runtime /></WorkerRole>", "more than one <Runtime>")]
    [DataRow("<WorkerRole name=\"w\"><Certificates><Certificate name=\"c\" storeLocation=\"Here\" storeName=\"My\" /></Certificates></WorkerRole>", "'storeLocation' has unknown value 'Here'")]
    [DataRow("<WorkerRole name=\"w\"><LocalResources><LocalStorage name=\"s\" cleanOnRoleRecycle=\"maybe\" /></LocalResources></WorkerRole>", "must be true or false")]
    public void Parse_SchemaViolation_ReportsError(string body, string expected)
    {
        var result = ServiceDefinitionReader.Parse(Xml.Definition(body), "x.csdef");

        Assert.IsGreaterThan(1, DiagnosticAssert.SingleError(result.Diagnostics, expected).Line);
    }
}
