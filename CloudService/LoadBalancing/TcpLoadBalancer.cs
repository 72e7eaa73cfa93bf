using System.Net;
using System.Net.Sockets;
using BackgroundRoles.LoadBalancing.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.LoadBalancing;

/// <summary>
/// The emulator's load balancer for one TCP endpoint, connection by connection as the platform's (layer 4): it listens
/// on one loopback port, and gives each accepted connection to the next backend in turn (round robin) among those its
/// <see cref="IBackendSource"/> lists at that moment (<c>tcp://address:port/</c>), trying the following ones when a
/// backend does not accept; then it relays bytes both ways until both sides have closed, or until nothing moved
/// either way for the endpoint's <see cref="BalancedEndpoint.IdleTimeout"/> (then it closes both, as the platform's
/// balancer dropped idle connections). With no backend, or none
/// that accepts, it closes the client's connection.
/// </summary>
/// <remarks>
/// Order of calls: <see cref="Start"/> binds the port and starts accepting; <see cref="DisposeAsync"/> stops accepting,
/// closes every open connection and returns once their relays have ended.
/// </remarks>
public sealed partial class TcpLoadBalancer : IAsyncDisposable
{
    private readonly BalancedEndpoint _endpoint;
    private readonly Socket _listener;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<TcpRelay, Task> _relays = [];
    private readonly Task _accepting;
    private int _next = -1;
    private int _disposed;

    private TcpLoadBalancer(BalancedEndpoint endpoint, Socket listener, ILogger logger)
    {
        _endpoint = endpoint;
        _listener = listener;
        _logger = logger;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The port it listens on: the endpoint's public port, or the one the system chose for port 0.</summary>
    public int Port { get; }

    /// <summary>Listens on 127.0.0.1 at the endpoint's public port; throws <see cref="IOException"/> when the port is taken.</summary>
    public static TcpLoadBalancer Start(BalancedEndpoint endpoint, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, endpoint.PublicPort));
            listener.Listen();
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new IOException($"{endpoint.Name}: cannot listen on 127.0.0.1:{endpoint.PublicPort}: {e.Message}", e);
        }

        return new TcpLoadBalancer(endpoint, listener, logger ?? NullLogger.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(false);

        KeyValuePair<TcpRelay, Task>[] open;
        lock (_gate)
        {
            open = [.. _relays];
        }

        foreach (var (relay, _) in open)
        {
            relay.Dispose();
        }

        await Task.WhenAll(open.Select(r => r.Value)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (_stop.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            catch (SocketException e)
            {
                Log.AcceptFailed(_logger, _endpoint.Name, e.SocketErrorCode);
                await Task.Delay(LoadBalancerDefaults.AcceptRetryDelay, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            client.NoDelay = true;
            var relay = new TcpRelay(client);
            lock (_gate)
            {
                // Added under the lock the relay's own end also takes, so it cannot leave before it was added.
                _relays.Add(relay, RunAsync(relay));
            }
        }
    }

    private async Task RunAsync(TcpRelay relay)
    {
        // The accept loop goes on at once; this connection is served on the pool.
        await Task.Yield();
        try
        {
            if (await ConnectAsync(relay).ConfigureAwait(false))
            {
                await relay.RelayAsync(_endpoint.IdleTimeout, _stop.Token).ConfigureAwait(false);
                if (relay.ClosedIdle)
                {
                    Log.ClosedIdle(_logger, _endpoint.Name, _endpoint.IdleTimeout.TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The balancer is closing; DisposeAsync closes the connection.
        }
        finally
        {
            relay.Dispose();
            lock (_gate)
            {
                _relays.Remove(relay);
            }
        }
    }

    /// <summary>Round robin from the next backend of the list as it is now; false when none accepted.</summary>
    private async Task<bool> ConnectAsync(TcpRelay relay)
    {
        var backends = _endpoint.Backends.Backends;
        if (backends.Count == 0)
        {
            Log.NoBackend(_logger, _endpoint.Name);
            return false;
        }

        var first = (int)((uint)Interlocked.Increment(ref _next) % (uint)backends.Count);
        for (var tried = 0; tried < backends.Count; tried++)
        {
            var backend = backends[(first + tried) % backends.Count];
            if (await relay.ConnectAsync(backend, LoadBalancerDefaults.ConnectTimeout, _stop.Token).ConfigureAwait(false))
            {
                return true;
            }

            Log.ConnectFailed(_logger, _endpoint.Name, backend);
        }

        Log.NoBackendAccepted(_logger, _endpoint.Name, backends.Count);
        return false;
    }
}
