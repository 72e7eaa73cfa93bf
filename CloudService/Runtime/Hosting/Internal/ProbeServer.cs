using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BackgroundRoles.Hosting.Protocol;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Hosting.Internal;

/// <summary>
/// The orchestrator's view of a standalone instance, served by the role process itself (it alone knows the
/// instance's status): <c>GET /ready</c> is 200 only while <see cref="RoleInstanceHost"/> says Ready and the instance
/// is not frozen (unless <see cref="ProbeOptions.FrozenReady"/>); <c>GET /live</c> is 200 unless the role's supervisor
/// escalated (a restart storm or corrupt state). A plain socket server rather than ASP.NET Core, so that the role
/// runtime loads nothing the role did not ask for; one short request per connection, then the connection closes.
/// </summary>
internal sealed class ProbeServer : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly RoleInstanceHost _host;
    private readonly RoleInstanceEnvironment _environment;
    private readonly ProbeOptions _options;
    private readonly TimeProvider _time;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _accepting;

    private ProbeServer(RoleInstanceHost host, RoleInstanceEnvironment environment, ProbeOptions options, TimeProvider time, TcpListener listener)
    {
        (_host, _environment, _options, _time, _listener) = (host, environment, options, time, listener);
        _accepting = Task.Run(AcceptAllAsync);
    }

    /// <summary>Binds the probe port and starts serving; throws <see cref="SocketException"/> when the port cannot be bound.</summary>
    public static ProbeServer Start(RoleInstanceHost host, RoleInstanceEnvironment environment, ProbeOptions options, ILogger logger, TimeProvider time)
    {
        var listener = new TcpListener(options.Address, options.Port);
        listener.Start();
        RoleHostLog.ProbesListening(logger, options.Address.ToString(), options.Port, options.FrozenReady);
        return new ProbeServer(host, environment, options, time, listener);
    }

    /// <summary>The port it listens on (the bound one, when the options asked for port 0).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>
    /// What <c>/ready</c> answers: Ready when the instance is Ready and not frozen (or frozen instances are kept in
    /// rotation); otherwise the reason, which is also the body of the 503.
    /// </summary>
    public static (bool Ready, string Reason) Readiness(InstanceStatus status, bool frozen, bool frozenReady) =>
        (status, frozen && !frozenReady) switch
        {
            (InstanceStatus.Ready, false) => (true, "Ready"),
            (InstanceStatus.Ready, true) => (false, "Frozen"),
            _ => (false, status.ToString()),
        };

    public void Dispose()
    {
        _closing.Cancel();
        _listener.Stop();
        _accepting.Wait(HostDefaults.ProbeRequestTimeout);
        _listener.Dispose();
        _closing.Dispose();
    }

    private async Task AcceptAllAsync()
    {
        while (!_closing.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_closing.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(socket));
        }
    }

    private async Task AnswerAsync(Socket socket)
    {
        using var owned = socket;
        using var timeout = new CancellationTokenSource(HostDefaults.ProbeRequestTimeout, _time);
        try
        {
            var requestLine = await ReadRequestLineAsync(socket, timeout.Token).ConfigureAwait(false);
            var (code, body) = Route(requestLine);
            var bytes = Utf8.GetBytes(body + "\n");
            var head = string.Create(CultureInfo.InvariantCulture,
                $"HTTP/1.1 {code} {Phrase(code)}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {bytes.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
            await socket.SendAsync(Utf8.GetBytes(head), timeout.Token).ConfigureAwait(false);
            await socket.SendAsync(bytes, timeout.Token).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // A client that went away or never finished its request: nothing to answer.
        }
    }

    /// <summary>The request line, once the whole head arrived; null when the head is longer than the cap.</summary>
    private static async Task<string?> ReadRequestLineAsync(Socket socket, CancellationToken cancel)
    {
        var buffer = new byte[HostDefaults.ProbeMaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), cancel).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal) || text.Contains("\n\n", StringComparison.Ordinal))
            {
                return text[..text.IndexOf('\n', StringComparison.Ordinal)].TrimEnd('\r');
            }
        }

        return null;
    }

    private (int Code, string Body) Route(string? requestLine)
    {
        var parts = requestLine?.Split(' ') ?? [];
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            return (400, "a probe request is 'GET /ready' or 'GET /live'");
        }

        var path = parts[1].Split('?', 2)[0];
        if (path is not ("/ready" or "/live"))
        {
            return (404, "the probes are /ready and /live");
        }

        if (parts[0] != "GET")
        {
            return (405, "only GET");
        }

        if (path == "/live")
        {
            return _environment.Health is { State: SupervisorState.Escalated }
                ? (503, "Escalated: the role's supervisor gave up (a restart storm or corrupt state); the instance recycles")
                : (200, "Live");
        }

        var (ready, reason) = Readiness(_host.Status, IsFrozen(), _options.FrozenReady);
        return (ready ? 200 : 503, reason);
    }

    /// <summary>Frozen by the Freeze setting, by the platform (under a fabric), or as the role's supervisor reports.</summary>
    private bool IsFrozen() =>
        (RoleSupervisor.TryReadFreeze(_environment, out var frozen) && frozen)
        || _environment.Health is { State: SupervisorState.Frozen };

    private static string Phrase(int code) => code switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Service Unavailable",
    };
}
