using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace BackgroundRoles.LoadBalancing.Internal;

/// <summary>
/// One client connection through the TCP balancer: the connection to the backend it was given, and the bytes relayed
/// both ways through two pooled buffers. When one side ends its sending, the other side's sending is shut down too
/// (a half-close passes through); the relay ends when both directions have, at once when either fails, or when no
/// byte went either way for the idle timeout.
/// </summary>
/// <remarks>
/// Order of calls: <see cref="ConnectAsync"/> (again for the next backend while it returns false), then
/// <see cref="RelayAsync"/>, then <see cref="Dispose"/>; <see cref="Dispose"/> may come from any thread at any time
/// and closes both connections.
/// </remarks>
internal sealed class TcpRelay(Socket client) : IDisposable
{
    private readonly Lock _gate = new();
    private Socket? _backend;
    private bool _disposed;
    private long _lastActivity;

    /// <summary>True when the relay ended because the connection was idle for the whole idle timeout.</summary>
    public bool ClosedIdle { get; private set; }

    /// <summary>Connects to <paramref name="backend"/>; false when it refuses or does not answer in time.</summary>
    public async Task<bool> ConnectAsync(Uri backend, TimeSpan timeout, CancellationToken cancellationToken)
    {
        EndPoint endPoint = IPAddress.TryParse(backend.Host, out var address) ? new IPEndPoint(address, backend.Port) : new DnsEndPoint(backend.Host, backend.Port);
        var socket = new Socket(address?.AddressFamily ?? AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            socket.Dispose();
            return false;
        }

        lock (_gate)
        {
            if (!_disposed)
            {
                _backend = socket;
                return true;
            }
        }

        socket.Dispose();
        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>
    /// Relays both ways until both sides have closed, either fails, nothing moved for <paramref name="idleTimeout"/>
    /// (every read restarts it) or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task RelayAsync(TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        var backend = _backend ?? throw new InvalidOperationException("Not connected.");
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);
        failed.CancelAfter(idleTimeout);
        await Task.WhenAll(PumpAsync(client, backend, failed, idleTimeout), PumpAsync(backend, client, failed, idleTimeout)).ConfigureAwait(false);
        ClosedIdle = !cancellationToken.IsCancellationRequested
            && Environment.TickCount64 - Interlocked.Read(ref _lastActivity) >= (long)idleTimeout.TotalMilliseconds;
    }

    public void Dispose()
    {
        Socket? backend;
        lock (_gate)
        {
            _disposed = true;
            backend = _backend;
        }

        client.Dispose();
        backend?.Dispose();
    }

    private async Task PumpAsync(Socket from, Socket to, CancellationTokenSource failed, TimeSpan idleTimeout)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(LoadBalancerDefaults.RelayBufferSize);
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, failed.Token).ConfigureAwait(false);
                Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);
                failed.CancelAfter(idleTimeout);
                if (read == 0)
                {
                    // This side is done sending; the other may still answer (a half-close).
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                for (var sent = 0; sent < read;)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, failed.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A reset on either side, the idle timeout, or the balancer closing: the other direction has nothing left to relay either.
            await failed.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
