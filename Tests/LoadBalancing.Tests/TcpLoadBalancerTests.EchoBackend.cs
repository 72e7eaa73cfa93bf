using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BackgroundRoles.LoadBalancing.Tests;

public sealed partial class TcpLoadBalancerTests
{
    /// <summary>
    /// A real TCP server on loopback: to each connection it sends its name and a newline, echoes what arrives, and
    /// once the client has ended its sending, says <c>bye N</c> (the bytes it got) and closes.
    /// </summary>
    private sealed class EchoBackend : IAsyncDisposable
    {
        private readonly string _name;
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _connections = [];
        private readonly Task _accepting;
        private int _count;

        private EchoBackend(string name, TcpListener listener)
        {
            _name = name;
            _listener = listener;
            _accepting = AcceptAsync();
        }

        public Uri Url => new($"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public int Connections => Volatile.Read(ref _count);

        public static EchoBackend Start(string name)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return new EchoBackend(name, listener);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            Task[] connections;
            lock (_connections)
            {
                connections = [.. _connections];
            }

            await Task.WhenAll(connections);
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _count);
                lock (_connections)
                {
                    _connections.Add(ServeAsync(socket));
                }
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            using (socket)
            {
                try
                {
                    await socket.SendAsync(Encoding.ASCII.GetBytes(_name + "\n"), _stop.Token);
                    var buffer = new byte[32 * 1024];
                    long total = 0;
                    int read;
                    while ((read = await socket.ReceiveAsync(buffer, _stop.Token)) > 0)
                    {
                        total += read;
                        await socket.SendAsync(buffer.AsMemory(0, read), _stop.Token);
                    }

                    await socket.SendAsync(Encoding.ASCII.GetBytes($"bye {total}\n"), _stop.Token);
                    socket.Shutdown(SocketShutdown.Both);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException)
                {
                    // The test is over, or the balancer closed the connection.
                }
            }
        }
    }
}
