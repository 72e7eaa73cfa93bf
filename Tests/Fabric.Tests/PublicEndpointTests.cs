using System.Net;
using System.Net.Sockets;
using BackgroundRoles.ServiceModel;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Fabric.Tests;

/// <summary>Which endpoints get a public port in front of them, which port, and how that is said.</summary>
[TestClass]
public sealed class PublicEndpointTests
{
    [TestMethod]
    public void Allocate_HttpTcpUdpAndHttps_OnlyHttpAndTcpAreBalanced()
    {
        var role = Role("""
            <InputEndpoint name="Web" protocol="http" port="80" />
            <InputEndpoint name="Raw" protocol="tcp" port="81" ignoreRoleInstanceStatus="true" />
            <InputEndpoint name="Dgram" protocol="udp" port="82" />
            <InputEndpoint name="Tls" protocol="https" port="443" certificate="C" />
            """);

        var endpoints = PublicEndpoint.Allocate([role], new PortAllocator());

        Assert.HasCount(2, endpoints);
        Assert.AreEqual("R/Web: " + endpoints[0].Url + " (load balancer: requests go to Ready instances only; not 80, which needs privileges)", endpoints[0].Describe());
        Assert.AreEqual("R/Raw: " + endpoints[1].Url + " (load balancer: connections go to every running instance (ignoreRoleInstanceStatus); not 81, which needs privileges)", endpoints[1].Describe());
        Assert.AreEqual("tcp", endpoints[1].Protocol);
        var unforwarded = PublicEndpoint.Unforwarded([role]);
        Assert.HasCount(2, unforwarded);
        StringAssert.StartsWith(unforwarded[0], "R/Dgram: udp input endpoints are not load balanced");
        StringAssert.StartsWith(unforwarded[1], "R/Tls: https input endpoints are not load balanced");
    }

    [TestMethod]
    public void Allocate_TcpEndpoints_IdleTimeoutFromTheCsdefElseThePlatformsFourMinutes()
    {
        var role = Role("""
            <InputEndpoint name="Long" protocol="tcp" port="9001" idleTimeoutInMinutes="20" />
            <InputEndpoint name="Plain" protocol="tcp" port="9002" />
            """);

        var endpoints = PublicEndpoint.Allocate([role], new PortAllocator());

        Assert.AreEqual(TimeSpan.FromMinutes(20), endpoints[0].IdleTimeout);
        Assert.AreEqual(TimeSpan.FromMinutes(4), endpoints[1].IdleTimeout);
    }

    [TestMethod]
    public void AllocateForInstance_FreeRange_RangeMinPlusTheInstanceNumber()
    {
        var min = Loopback.FreePorts(3);
        var role = Role(InstanceInput(min, min + 2));

        var endpoint = PublicEndpoint.AllocateForInstance(role, 2, new PortAllocator()).Single();

        Assert.AreEqual(min + 2, endpoint.Port);
        Assert.AreEqual("R_IN_2", endpoint.InstanceId);
        Assert.AreEqual("R_IN_2/Direct", endpoint.Name);
        Assert.IsNull(endpoint.PortNote);
        Assert.IsTrue(endpoint.IgnoreRoleInstanceStatus, "forwarded while the process runs, Busy too");
        Assert.AreEqual($"R_IN_2/Direct: tcp://127.0.0.1:{min + 2}/ (instance input endpoint: connections go to R_IN_2 only)", endpoint.Describe());
    }

    [TestMethod]
    public void AllocateForInstance_RangePortTaken_AFreeOneSayingWhy()
    {
        var min = Loopback.FreePorts(2);
        using var taken = new TcpListener(IPAddress.Loopback, min + 1);
        taken.Start();
        var role = Role(InstanceInput(min, min + 1));

        var endpoint = PublicEndpoint.AllocateForInstance(role, 1, new PortAllocator()).Single();

        Assert.AreNotEqual(min + 1, endpoint.Port);
        Assert.AreEqual($"not {min + 1}, which is taken", endpoint.PortNote);
    }

    [TestMethod]
    public void AllocateForInstance_InstancePastTheRange_AFreeOneSayingWhy()
    {
        var min = Loopback.FreePorts(1);
        var role = Role(InstanceInput(min, min));

        var endpoint = PublicEndpoint.AllocateForInstance(role, 1, new PortAllocator()).Single();

        Assert.AreNotEqual(min + 1, endpoint.Port);
        Assert.AreEqual($"not {min + 1}, which lies past its range {min}-{min}", endpoint.PortNote);
    }

    [TestMethod]
    public void AllocateForInstance_Udp_NotForwardedAndSaidSo()
    {
        var role = Role("""<InstanceInputEndpoint name="Dgram" protocol="udp" localPort="9000"><AllocatePublicPortFrom><FixedPortRange min="20000" max="20001" /></AllocatePublicPortFrom></InstanceInputEndpoint>""");

        Assert.IsEmpty(PublicEndpoint.AllocateForInstance(role, 0, new PortAllocator()));
        StringAssert.StartsWith(PublicEndpoint.Unforwarded([role]).Single(), "R/Dgram: udp instance input endpoints are not forwarded");
    }

    private static string InstanceInput(int min, int max) =>
        $"""<InstanceInputEndpoint name="Direct" protocol="tcp" localPort="9000"><AllocatePublicPortFrom><FixedPortRange min="{min}" max="{max}" /></AllocatePublicPortFrom></InstanceInputEndpoint>""";

    private static RoleDefinition Role(string endpoints)
    {
        var csdef = $"""
            <ServiceDefinition name="S" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceDefinition">
              <WorkerRole name="R">
                <Endpoints>{endpoints}</Endpoints>
              </WorkerRole>
            </ServiceDefinition>
            """;
        return ServiceDefinitionReader.Parse(csdef, "s.csdef").Value!.Roles.Single();
    }
}
