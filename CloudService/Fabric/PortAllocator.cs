using System.Net;
using System.Net.Sockets;

namespace BackgroundRoles.Fabric;

/// <summary>
/// Hands out loopback ports for endpoints: the port the csdef asks for when it is 1024 or above and free, otherwise a
/// free one from <see cref="FabricDefaults.AllocatedPorts"/>. Never the same port twice from one allocator.
/// </summary>
/// <remarks>
/// A port is checked free here and bound later by the role instance, a few hundred milliseconds on. A port the system
/// chose (a bind to port 0) comes from the range it also gives outgoing connections, and one of those (to Azurite, to
/// a peer) could take it meanwhile and make the instance fail to listen; so the allocator picks its own ports, at
/// random in a range the system does not use, and asks the system only when that range is full.
/// </remarks>
public sealed class PortAllocator
{
    /// <summary>Ports below this need privileges, so a local run never asks for them.</summary>
    public const int FirstUnprivilegedPort = 1024;

    private const int RandomAttempts = 200;

    private readonly HashSet<int> _given = [];
    private readonly Lock _gate = new();

    public int Allocate(int? preferred)
    {
        lock (_gate)
        {
            if (preferred is int port && port >= FirstUnprivilegedPort && port <= IPEndPoint.MaxPort && !_given.Contains(port) && IsFree(port))
            {
                _given.Add(port);
                return port;
            }

            var (first, last) = FabricDefaults.AllocatedPorts;
            for (var attempt = 0; attempt < RandomAttempts; attempt++)
            {
                var candidate = Random.Shared.Next(first, last + 1);
                if (!_given.Contains(candidate) && IsFree(candidate))
                {
                    _given.Add(candidate);
                    return candidate;
                }
            }

            while (true)
            {
                var free = SystemPort();
                if (_given.Add(free))
                {
                    return free;
                }
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int SystemPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
