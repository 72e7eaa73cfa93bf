using System.Net.Sockets;
using System.Text;
using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Tests.LifecycleRole;

/// <summary>
/// A TCP echo server on one of the instance's endpoints: to each connection it sends <c>&lt;InstanceId&gt; &lt;Endpoint&gt;</c>
/// and a newline, then echoes what arrives until the client ends its sending, then closes.
/// </summary>
internal sealed class TcpEcho : IDisposable
{
    private readonly TcpListener _listener;
    private readonly string _greeting;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;

    public TcpEcho(string instanceId, RoleInstanceEndpoint endpoint)
    {
        _greeting = $"{instanceId} {endpoint.Name}\n";
        _listener = new TcpListener(endpoint.IPEndpoint);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _accepting.Wait();
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        Task.WaitAll(connections);
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

            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(EchoAsync(socket));
            }
        }
    }

    private async Task EchoAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes(_greeting), _stop.Token);
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await socket.ReceiveAsync(buffer, _stop.Token)) > 0)
                {
                    await socket.SendAsync(buffer.AsMemory(0, read), _stop.Token);
                }

                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // The role stops, or the client went away.
            }
        }
    }
}
