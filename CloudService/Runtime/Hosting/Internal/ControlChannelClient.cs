using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using BackgroundRoles.Hosting.Protocol;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Hosting.Internal;

/// <summary>
/// The instance's end of the fabric's control channel, beside <see cref="RoleInstanceHost"/>: it passes the
/// host's status, the role's published health and its recycle requests to the fabric, and turns the fabric's
/// Stop, Recycle, ApplySettings and ApplyTopology into <see cref="RoleInstanceHost.RequestStop"/>,
/// <see cref="RoleInstanceHost.RequestRecycle"/>, <see cref="RoleInstanceHost.ApplySettings"/> and
/// <see cref="RoleInstanceHost.ApplyTopology"/>.
/// When the fabric goes away the instance stops, so that no role outlives its emulator.
/// </summary>
/// <remarks>Order of calls: <see cref="Connect"/>, the host's Run, then <see cref="Dispose"/> (flushes the last messages).</remarks>
internal sealed class ControlChannelClient : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly TcpClient _client;
    private readonly RoleInstanceEnvironment _environment;
    private readonly RoleInstanceHost _host;
    private readonly ILogger _logger;
    private readonly Channel<ChannelMessage> _outbox = Channel.CreateUnbounded<ChannelMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _handlersGate = new();
    private readonly List<Task> _handlers = [];
    private readonly Task _writing;
    private readonly Task _reading;

    private ControlChannelClient(TcpClient client, RoleInstanceEnvironment environment, RoleInstanceHost host, ILogger logger)
    {
        _client = client;
        _environment = environment;
        _host = host;
        _logger = logger;
        var stream = client.GetStream();
        _writing = Task.Run(() => WriteAllAsync(stream));
        _reading = Task.Run(() => ReadAllAsync(stream));
    }

    /// <summary>Connects and says hello; null (logged) when the fabric cannot be reached: the instance runs without it.</summary>
    public static ControlChannelClient? Connect(ControlChannelDescriptor channel, RoleInstanceEnvironment environment, RoleInstanceHost host, ILogger logger)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(HostDefaults.ChannelConnectTimeout);
            client.ConnectAsync(channel.Host, channel.Port, timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            RoleHostLog.ChannelConnectFailed(logger, channel.Host, channel.Port, e);
            client.Dispose();
            return null;
        }

        var connection = new ControlChannelClient(client, environment, host, logger);
        connection.Send(new HelloMessage(environment.CurrentRoleInstance.Id, channel.Secret, Environment.ProcessId));
        host.StatusChanged += connection.OnStatusChanged;
        environment.HealthPublished += connection.OnHealthPublished;
        environment.RecycleRequested += connection.OnRecycleRequested;
        if (environment.Health is { } health)
        {
            connection.Send(new HealthMessage(health));
        }

        RoleHostLog.ChannelConnected(logger, channel.Host, channel.Port);
        return connection;
    }

    public void Dispose()
    {
        _host.StatusChanged -= OnStatusChanged;
        _environment.HealthPublished -= OnHealthPublished;
        _environment.RecycleRequested -= OnRecycleRequested;

        // The last messages (Stopping, the answer to a change) matter to the fabric; give them a moment to leave.
        Task[] handlers;
        lock (_handlersGate)
        {
            handlers = [.. _handlers];
        }

        Task.WaitAll(handlers, HostDefaults.ChannelFlushTimeout);
        _outbox.Writer.TryComplete();
        _writing.Wait(HostDefaults.ChannelFlushTimeout);
        _closing.Cancel();
        _client.Dispose();
        _reading.Wait(HostDefaults.ChannelFlushTimeout);
        _closing.Dispose();
    }

    private void Send(ChannelMessage message) => _outbox.Writer.TryWrite(message);

    private void OnStatusChanged(object? sender, InstanceStatus status) => Send(new StatusMessage(status));

    private void OnHealthPublished(object? sender, SupervisorHealthReport report) => Send(new HealthMessage(report));

    private void OnRecycleRequested(object? sender, EventArgs e) => Send(new RecycleRequestedMessage());

    private async Task WriteAllAsync(NetworkStream stream)
    {
        await using var writer = new StreamWriter(stream, Utf8, leaveOpen: true) { NewLine = "\n" };
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await writer.WriteLineAsync(ChannelCodec.Serialize(message)).ConfigureAwait(false);
                await writer.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            RoleHostLog.ChannelSendFailed(_logger, e);
        }
    }

    private async Task ReadAllAsync(NetworkStream stream)
    {
        var reader = new ChannelLineReader(stream);
        try
        {
            while (await reader.ReadLineAsync(ChannelCodec.MaxLineLength, skipTooLong: true, _closing.Token).ConfigureAwait(false) is { } line)
            {
                // A line past the cap is dropped unread; Handle logs it as one this version cannot read.
                Handle(line.Text ?? string.Empty);
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            if (_closing.IsCancellationRequested)
            {
                return;
            }
        }

        if (!_closing.IsCancellationRequested)
        {
            RoleHostLog.ChannelClosed(_logger);
            _host.RequestStop("the fabric's control channel closed");
        }
    }

    private void Handle(string line)
    {
        switch (ChannelCodec.Parse(line, out var error))
        {
            case StopMessage stop:
                RoleHostLog.ChannelCommand(_logger, "Stop", stop.Reason);
                _host.RequestStop(stop.Reason);
                break;
            case RecycleMessage recycle:
                RoleHostLog.ChannelCommand(_logger, "Recycle", recycle.Reason);
                _host.RequestRecycle(recycle.Reason);
                break;
            case EnvironmentChangeMessage apply:
                // Changing and Changed are user code: run them off the reader, so that a Stop still gets through.
                lock (_handlersGate)
                {
                    _handlers.RemoveAll(t => t.IsCompleted);
                    _handlers.Add(Task.Run(() => Apply(apply)));
                }

                break;
            default:
                RoleHostLog.ChannelBadMessage(_logger, error ?? "not a message for the instance");
                break;
        }
    }

    private void Apply(EnvironmentChangeMessage message)
    {
        var what = message is ApplyTopologyMessage ? "new topology" : "new settings";
        try
        {
            var applied = message switch
            {
                ApplySettingsMessage settings => _host.ApplySettings(settings.Settings),
                ApplyTopologyMessage topology => _host.ApplyTopology(topology.Roles),
                _ => throw new NotSupportedException($"{message.GetType().Name} is not a change this host knows"),
            };
            RoleHostLog.ChangeApplied(_logger, what, applied ? "applied (Changing, then Changed)" : "refused: a Changing handler cancelled");
            Send(new ChangeResultMessage(message.Id, applied));
        }
        catch (Exception e)
        {
            RoleHostLog.ChangeHandlerFailed(_logger, what, e);
            Send(new ChangeResultMessage(message.Id, Applied: false, Error: $"{e.GetType().Name}: {e.Message}"));
        }
    }
}
