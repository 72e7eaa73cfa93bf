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
}
