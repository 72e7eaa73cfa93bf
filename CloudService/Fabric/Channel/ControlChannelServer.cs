using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using BackgroundRoles.Hosting;
using BackgroundRoles.Hosting.Protocol;

namespace BackgroundRoles.Fabric.Channel;

/// <summary>
/// The fabric's side of the control channels: one loopback TCP listener for the whole deployment. Each instance
/// start is registered with a fresh secret (<see cref="Register"/>), written into its descriptor; a connection
/// is attached to the registration only when its first line is a hello with that instance id and secret, within
/// <see cref="FabricDefaults.HelloTimeout"/> and <see cref="ChannelCodec.MaxHelloLength"/> bytes, both enforced while
/// the line is read (nothing past the cap is kept), with at most <see cref="FabricDefaults.MaxPendingHandshakes"/>
/// connections saying hello at once. Anything else is closed.
/// </summary>
public sealed class ControlChannelServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly ConcurrentDictionary<string, ChannelRegistration> _registrations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _accepting;

    private ControlChannelServer(TcpListener listener)
    {
        _listener = listener;
        _accepting = Task.Run(AcceptAllAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static ControlChannelServer Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new ControlChannelServer(listener);
    }

    /// <summary>Expects a start of <paramref name="instanceId"/>; the descriptor gets <see cref="Describe"/> of the result.</summary>
    public ChannelRegistration Register(string instanceId)
    {
        var registration = new ChannelRegistration(instanceId, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), r => _registrations.TryRemove(new KeyValuePair<string, ChannelRegistration>(r.InstanceId, r)));
        _registrations[instanceId] = registration;
        return registration;
    }

    /// <summary>The descriptor's view of a registration: where to connect and the secret.</summary>
    public ControlChannelDescriptor Describe(ChannelRegistration registration) =>
        new(RoleInstanceBuilder.LoopbackAddress, Port, registration.Secret);

    public void Dispose()
    {
        _closing.Cancel();
        _listener.Stop();
        _accepting.Wait(TimeSpan.FromSeconds(1));
        _closing.Dispose();
    }

    private async Task AcceptAllAsync()
    {
        var handshakes = new List<Task>();
        while (!_closing.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_closing.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                break;
            }

            handshakes.RemoveAll(t => t.IsCompleted);
            if (handshakes.Count >= FabricDefaults.MaxPendingHandshakes)
            {
                client.Dispose();
                continue;
            }

            handshakes.Add(HandshakeAsync(client));
        }

        await Task.WhenAll(handshakes).ConfigureAwait(false);
    }

    private async Task HandshakeAsync(TcpClient client)
    {
        client.NoDelay = true;
        var reader = new ChannelLineReader(client.GetStream());
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
            timeout.CancelAfter(FabricDefaults.HelloTimeout);
            var line = await reader.ReadLineAsync(ChannelCodec.MaxHelloLength, skipTooLong: false, timeout.Token).ConfigureAwait(false);
            if (line?.Text is { } text
                && ChannelCodec.Parse(text, out _) is HelloMessage hello
                && _registrations.TryGetValue(hello.InstanceId, out var registration)
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(hello.Secret), Encoding.UTF8.GetBytes(registration.Secret)))
            {
                var connection = new InstanceConnection(client, reader, hello);
                if (registration.TryAttach(connection))
                {
                    return;
                }

                connection.Dispose();
                return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // A peer that does not say hello in time, or goes away, is simply closed.
        }

        client.Dispose();
    }
}
