using BackgroundRoles.ServiceModel;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Fabric.Tests;

/// <summary>What a deployment plans for its instances before any runs.</summary>
[TestClass]
public sealed class LocalDeploymentTests
{
    private const string Csdef = """
        <ServiceDefinition name="Peers" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceDefinition">
          <WorkerRole name="WorkerRole">
            <Endpoints>
              <InternalEndpoint name="Gossip" protocol="tcp" port="30000" />
            </Endpoints>
            <Runtime>
              <EntryPoint>
                <NetFxEntryPoint assemblyName="WorkerRole.dll" targetFrameworkVersion="v10.0" />
              </EntryPoint>
            </Runtime>
          </WorkerRole>
        </ServiceDefinition>
        """;

    private const string Cscfg = """
        <ServiceConfiguration serviceName="Peers" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration">
          <Role name="WorkerRole">
            <Instances count="3" />
          </Role>
        </ServiceConfiguration>
        """;

    [TestMethod]
    public void Plan_InternalEndpoints_EveryInstanceSeesWhereEachPeerListens()
    {
        var definition = ServiceDefinitionReader.Parse(Csdef, "peers.csdef").Value!;
        var configuration = ServiceConfigurationReader.Parse(Cscfg, "peers.cscfg").Value!;
        var layout = new FabricLayout(RepositoryPaths.Root, Path.Combine(RepositoryPaths.Root, "artifacts"), Path.Combine(Path.GetTempPath(), "peers-state"));

        var (specs, errors) = new LocalDeployment(definition, configuration, layout, TextWriter.Null).Plan();

        Assert.IsEmpty(errors);
        Assert.HasCount(3, specs);
        var own = specs.ToDictionary(s => s.Descriptor.InstanceId, s => s.Descriptor.Endpoints.Single(e => e.Name == "Gossip").Port);
        Assert.HasCount(3, own.Values.Distinct().ToList(), "each instance listens on a port of its own");
        foreach (var spec in specs)
        {
            var topology = spec.Descriptor.Roles.Single(r => r.Name == "WorkerRole");
            CollectionAssert.AreEquivalent(own.Keys.ToList(), topology.InstanceIds.ToList());
            foreach (var (peer, port) in own)
            {
                Assert.AreEqual(port, topology.InstanceEndpoints[peer].Single().Port, $"{spec.Descriptor.InstanceId} sees {peer}");
            }
        }
    }

    [TestMethod]
    public void Plan_TcpAndInstanceInputEndpoints_InstancesListenPrivatelyAndReportThePublicPorts()
    {
        var min = Loopback.FreePorts(2);
        var csdef = Csdef.Replace(
            """<InternalEndpoint name="Gossip" protocol="tcp" port="30000" />""",
            $"""
            <InputEndpoint name="TcpIn" protocol="tcp" port="1000" />
            <InstanceInputEndpoint name="Direct" protocol="tcp" localPort="9000">
              <AllocatePublicPortFrom><FixedPortRange min="{min}" max="{min + 1}" /></AllocatePublicPortFrom>
            </InstanceInputEndpoint>
            """,
            StringComparison.Ordinal);
        var definition = ServiceDefinitionReader.Parse(csdef, "peers.csdef").Value!;
        var configuration = ServiceConfigurationReader.Parse(Cscfg.Replace("count=\"3\"", "count=\"2\"", StringComparison.Ordinal), "peers.cscfg").Value!;
        var layout = new FabricLayout(RepositoryPaths.Root, Path.Combine(RepositoryPaths.Root, "artifacts"), Path.Combine(Path.GetTempPath(), "peers-state"));
        var deployment = new LocalDeployment(definition, configuration, layout, TextWriter.Null);

        var (specs, errors) = deployment.Plan();

        Assert.IsEmpty(errors);
        var balanced = deployment.PublicEndpoints.Single();
        Assert.AreEqual("WorkerRole/TcpIn", balanced.Name);
        Assert.AreEqual("not 1000, which needs privileges", balanced.PortNote);
        foreach (var (spec, index) in specs.Select((s, i) => (s, i)))
        {
            var endpoints = spec.Descriptor.Endpoints.ToDictionary(e => e.Name);
            Assert.AreEqual(balanced.Port, endpoints["TcpIn"].PublicPort);
            Assert.AreNotEqual(balanced.Port, endpoints["TcpIn"].Port, "behind the balancer, each instance listens on a private port");
            Assert.AreEqual(min + index, endpoints["Direct"].PublicPort, spec.Descriptor.InstanceId);
            Assert.AreNotEqual(min + index, endpoints["Direct"].Port);
            Assert.AreEqual(min + index, deployment.InstancePublicEndpoints(spec.Descriptor.InstanceId).Single().Port);
        }
    }
}
