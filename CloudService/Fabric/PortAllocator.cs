using System.Net;
using System.Net.Sockets;

namespace BackgroundRoles.Fabric;

/// <summary>
/// Hands out loopback ports for endpoints: the port the csdef asks for when it is 1024 or above and free,
/// otherwise a free one the operating system picks. Never the same port twice from one allocator.
/// </summary>
public sealed class PortAllocator
{
    /// <summary>Ports below this need privileges, so a local run never asks for them.</summary>
    public const int FirstUnprivilegedPort = 1024;

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

            while (true)
            {
                var free = FreePort();
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
