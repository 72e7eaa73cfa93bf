using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BackgroundRoles.Fabric.Emulator;
using BackgroundRoles.Fabric.Internal;

namespace BackgroundRoles.Fabric.Control;

/// <summary>
/// The control API of a running emulator (<see cref="EmulatorSession"/>), on <c>http://127.0.0.1:PORT/</c> only:
/// <c>GET /status</c>, <c>POST /scale</c>, <c>POST /recycle</c>, <c>POST /set-config</c>, <c>POST /stop</c>,
/// <c>POST /deploy</c>, <c>POST /delete</c>, <c>POST /swap</c>, <c>POST /update-config</c>, <c>POST /upgrade</c>,
/// <c>POST /walk-ud</c>, <c>GET /upgrade</c>. Every request must carry
/// <c>Authorization: Bearer &lt;token&gt;</c>, the token <see cref="Start"/> writes to <c>control.json</c>;
/// anything else gets 401.
/// </summary>
public sealed partial class ControlServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly EmulatorSession _session;
    private readonly CoordinationReader _coordination = new();
    private readonly string _stateDirectory;
    private readonly byte[] _expectedAuthorization;
    private readonly Task _serving;
    private readonly Lock _gate = new();
    private readonly List<Task> _requests = [];

    private ControlServer(HttpListener listener, EmulatorSession session, string stateDirectory, ControlEndpoint endpoint)
    {
        _listener = listener;
        _session = session;
        _stateDirectory = stateDirectory;
        Endpoint = endpoint;
        _expectedAuthorization = Encoding.UTF8.GetBytes("Bearer " + endpoint.Token);
        _serving = Task.Run(ServeAsync);
    }

    public ControlEndpoint Endpoint { get; }

    /// <summary>Listens on a free loopback port and writes <c>control.json</c> into <paramref name="stateDirectory"/>.</summary>
    public static ControlServer Start(EmulatorSession session, string stateDirectory)
    {
        var port = new PortAllocator().Allocate(null);
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/");
        var listener = new HttpListener();
        listener.Prefixes.Add(url);
        listener.Start();
        var endpoint = new ControlEndpoint(url, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), Environment.ProcessId);
        endpoint.Write(stateDirectory);
        return new ControlServer(listener, session, stateDirectory, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        Endpoint.Delete(_stateDirectory);

        // Stopping the listener closes every connection, answers half written included: the requests in flight (the
        // POST /stop that led here among them) get a moment to finish first, so a client is not left without its answer.
        try
        {
            await Task.WhenAll(InFlight()).WaitAsync(FabricDefaults.ControlCloseGrace, TimeProvider.System).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A long operation (a deploy waiting for Ready) is cut below, as before.
        }

        _listener.Stop();
        await _serving.ConfigureAwait(false);
        await Task.WhenAll(InFlight()).ConfigureAwait(false);
        _listener.Close();
    }

    private Task[] InFlight()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            lock (_gate)
            {
                _requests.RemoveAll(t => t.IsCompleted);
                _requests.Add(HandleAsync(context));
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var (status, body) = IsAuthorized(context.Request)
                ? await RouteAsync(context.Request).ConfigureAwait(false)
                : (HttpStatusCode.Unauthorized, new ControlError("a bearer token from control.json is required"));
            if (status == HttpStatusCode.Unauthorized)
            {
                response.AddHeader("WWW-Authenticate", "Bearer");
            }

            response.StatusCode = (int)status;
            response.ContentType = "application/json";
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ControlJson.Options);
            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away; nothing to answer.
        }
        finally
        {
            response.Close();
        }
    }

    private bool IsAuthorized(HttpListenerRequest request) =>
        request.Headers["Authorization"] is { } header
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), _expectedAuthorization);

    private async Task<(HttpStatusCode Status, object Body)> RouteAsync(HttpListenerRequest request)
    {
        var path = request.Url?.AbsolutePath.TrimEnd('/') ?? string.Empty;
        try
        {
            return (request.HttpMethod, path) switch
            {
                ("GET", "/status") => (HttpStatusCode.OK, await StatusWithCoordinationAsync().ConfigureAwait(false)),
                ("POST", "/scale") => await ScaleAsync(await ReadAsync<ScaleRequest>(request).ConfigureAwait(false)).ConfigureAwait(false),
                ("POST", "/recycle") => Recycle(await ReadAsync<RecycleRequest>(request).ConfigureAwait(false)),
                ("POST", "/set-config") => await SetConfigAsync(await ReadAsync<SetConfigRequest>(request).ConfigureAwait(false)).ConfigureAwait(false),
                ("POST", "/stop") => Stop(),
                ("POST", "/deploy") => await DeployAsync(await ReadAsync<DeployRequest>(request).ConfigureAwait(false)).ConfigureAwait(false),
                ("POST", "/delete") => await DeleteAsync(await ReadAsync<DeleteRequest>(request).ConfigureAwait(false)).ConfigureAwait(false),
                ("POST", "/swap") => Swap(),
                ("POST", "/update-config") => await UpdateConfigAsync(await ReadAsync<UpdateConfigRequest>(request).ConfigureAwait(false)).ConfigureAwait(false),
                ("POST", "/upgrade") => Upgrade(await ReadAsync<UpgradeRequest>(request).ConfigureAwait(false)),
                ("POST", "/walk-ud") => WalkUpgradeDomain(await ReadAsync<WalkRequest>(request).ConfigureAwait(false)),
                ("GET", "/upgrade") => UpgradeStatus(request),
                _ => (HttpStatusCode.NotFound, new ControlError($"no operation {request.HttpMethod} {path}")),
            };
        }
        catch (JsonException e)
        {
            return (HttpStatusCode.BadRequest, new ControlError($"the request body is not valid: {e.Message}"));
        }
    }

    private async Task<(HttpStatusCode, object)> ScaleAsync(ScaleRequest request) =>
        await _session.ScaleAsync(request.Slot, request.Role, request.Count).ConfigureAwait(false) is { } error
            ? (HttpStatusCode.BadRequest, new ControlError(error))
            : (HttpStatusCode.OK, Status(request.Slot));

    private (HttpStatusCode, object) Recycle(RecycleRequest request) =>
        _session.Recycle(request.Slot, request.Instance) is { } error
            ? (HttpStatusCode.Conflict, new ControlError(error))
            : (HttpStatusCode.Accepted, Status(request.Slot));

    private async Task<(HttpStatusCode, object)> SetConfigAsync(SetConfigRequest request)
    {
        if (request.Settings is not { Count: > 0 })
        {
            return (HttpStatusCode.BadRequest, new ControlError("no settings given"));
        }

        var (outcomes, error) = await _session.SetConfigurationAsync(request.Slot, request.Role, request.Settings).ConfigureAwait(false);
        return outcomes is null
            ? (HttpStatusCode.BadRequest, new ControlError(error!))
            : (HttpStatusCode.OK, new SetConfigResponse(outcomes));
    }

    private (HttpStatusCode, object) Stop()
    {
        _session.Stop("stop requested through the control API");
        return (HttpStatusCode.Accepted, Status());
    }

    private static async Task<T> ReadAsync<T>(HttpListenerRequest request) =>
        await JsonSerializer.DeserializeAsync<T>(request.InputStream, ControlJson.Options).ConfigureAwait(false)
        ?? throw new JsonException("the body is empty");
}
