using System.Net;
using System.Net.Sockets;

namespace BackgroundRoles.Tests;

/// <summary>Loopback sockets for tests: connecting, and finding free ports the emulator will not hand out meanwhile.</summary>
internal static class Loopback
{
    /// <summary>A TCP connection to 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free loopback ports below the range the system hands out on
    /// its own (from 32768 on Linux), so no port the emulator allocates meanwhile lands in it; at least 10 away from
    /// <paramref name="besides"/>.
    /// </summary>
    public static int FreePorts(int count, int besides = 0)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(20_000, 30_000);
            if (Math.Abs(first - besides) > 10 && Enumerable.Range(first, count + 1).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free loopback ports between 20000 and 30000.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
