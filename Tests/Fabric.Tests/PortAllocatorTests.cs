using System.Net;
using System.Net.Sockets;

namespace BackgroundRoles.Fabric.Tests;

[TestClass]
public sealed class PortAllocatorTests
{
    [TestMethod]
    public void Allocate_PrivilegedPort_GivesAnUnprivilegedOne()
    {
        var port = new PortAllocator().Allocate(80);

        Assert.IsGreaterThanOrEqualTo(PortAllocator.FirstUnprivilegedPort, port);
    }

    [TestMethod]
    public void Allocate_FreePreferredPort_GivesIt()
    {
        var free = FreePort();

        Assert.AreEqual(free, new PortAllocator().Allocate(free));
    }

    [TestMethod]
    public void Allocate_TakenPort_GivesAnother()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var taken = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.AreNotEqual(taken, new PortAllocator().Allocate(taken));
    }

    [TestMethod]
    public void Allocate_SamePreferredPortTwice_NeverGivesItTwice()
    {
        var allocator = new PortAllocator();
        var free = FreePort();

        Assert.AreNotEqual(allocator.Allocate(free), allocator.Allocate(free));
    }

    [TestMethod]
    public void Allocate_NoPreference_GivesAPortOutsideTheSystemsOwnRange()
    {
        var allocator = new PortAllocator();
        var (first, last) = FabricDefaults.AllocatedPorts;

        var ports = Enumerable.Range(0, 20).Select(_ => allocator.Allocate(null)).ToList();

        Assert.IsTrue(ports.All(port => port >= first && port <= last), string.Join(", ", ports));
        Assert.HasCount(20, ports.Distinct());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
