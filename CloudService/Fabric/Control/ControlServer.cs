using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BackgroundRoles.Fabric.Internal;

namespace BackgroundRoles.Fabric.Control;

/// <summary>
/// The control API of a running local deployment, on <c>http://127.0.0.1:PORT/</c> only: <c>GET /status</c>,
/// <c>POST /scale</c>, <c>POST /recycle</c>, <c>POST /set-config</c>, <c>POST /stop</c>. Every request must carry
/// <c>Authorization: Bearer &lt;token&gt;</c>, the token <see cref="Start"/> writes to <c>control.json</c>;
/// anything else gets 401.
/// </summary>
public sealed class ControlServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly LocalDeployment _deployment;
    private readonly CoordinationReader _coordination;
    private readonly string _stateDirectory;
    private readonly byte[] _expectedAuthorization;
    private readonly Task _serving;
    private readonly Lock _gate = new();
    private readonly List<Task> _requests = [];

    private ControlServer(HttpListener listener, LocalDeployment deployment, string stateDirectory, ControlEndpoint endpoint)
    {
        _listener = listener;
        _deployment = deployment;
        _coordination = new CoordinationReader(deployment);
        _stateDirectory = stateDirectory;
        Endpoint = endpoint;
        _expectedAuthorization = Encoding.UTF8.GetBytes("Bearer " + endpoint.Token);
        _serving = Task.Run(ServeAsync);
    }

    public ControlEndpoint Endpoint { get; }

    /// <summary>Listens on a free loopback port and writes <c>control.json</c> into <paramref name="stateDirectory"/>.</summary>
    public static ControlServer Start(LocalDeployment deployment, string stateDirectory)
    {
        var port = new PortAllocator().Allocate(null);
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/");
        var listener = new HttpListener();
        listener.Prefixes.Add(url);
        listener.Start();
        var endpoint = new ControlEndpoint(url, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), Environment.ProcessId);
        endpoint.Write(stateDirectory);
        return new ControlServer(listener, deployment, stateDirectory, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        Endpoint.Delete(_stateDirectory);
        _listener.Stop();
        await _serving.ConfigureAwait(false);
        Task[] requests;
        lock (_gate)
        {
            requests = [.. _requests];
        }

        await Task.WhenAll(requests).ConfigureAwait(false);
        _listener.Close();
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
                ("GET", "/status") => (HttpStatusCode.OK, await _coordination.AddToAsync(_deployment.GetSnapshot()).ConfigureAwait(false)),
                ("POST", "/scale") => await ScaleAsync(await ReadAsync<ScaleRequest>(request).ConfigureAwait(false)).ConfigureAwait(false),
                ("POST", "/recycle") => Recycle(await ReadAsync<RecycleRequest>(request).ConfigureAwait(false)),
                ("POST", "/set-config") => await SetConfigAsync(await ReadAsync<SetConfigRequest>(request).ConfigureAwait(false)).ConfigureAwait(false),
                ("POST", "/stop") => Stop(),
                _ => (HttpStatusCode.NotFound, new ControlError($"no operation {request.HttpMethod} {path}")),
            };
        }
        catch (JsonException e)
        {
            return (HttpStatusCode.BadRequest, new ControlError($"the request body is not valid: {e.Message}"));
        }
    }

    private async Task<(HttpStatusCode, object)> ScaleAsync(ScaleRequest request) =>
        await _deployment.ScaleAsync(request.Role, request.Count).ConfigureAwait(false) is { } error
            ? (HttpStatusCode.BadRequest, new ControlError(error))
            : (HttpStatusCode.OK, _deployment.GetSnapshot());

    private (HttpStatusCode, object) Recycle(RecycleRequest request) =>
        _deployment.Recycle(request.Instance) is { } error
            ? (HttpStatusCode.Conflict, new ControlError(error))
            : (HttpStatusCode.Accepted, _deployment.GetSnapshot());

    private async Task<(HttpStatusCode, object)> SetConfigAsync(SetConfigRequest request)
    {
        if (request.Settings is not { Count: > 0 })
        {
            return (HttpStatusCode.BadRequest, new ControlError("no settings given"));
        }

        var (perRole, errors) = _deployment.PlanSettings(request.Role, request.Settings);
        if (errors.Count > 0)
        {
            return (HttpStatusCode.BadRequest, new ControlError(string.Join("; ", errors)));
        }

        return (HttpStatusCode.OK, new SetConfigResponse(await _deployment.SetConfigurationAsync(perRole).ConfigureAwait(false)));
    }

    private (HttpStatusCode, object) Stop()
    {
        _deployment.Stop("stop requested through the control API");
        return (HttpStatusCode.Accepted, _deployment.GetSnapshot());
    }

    private static async Task<T> ReadAsync<T>(HttpListenerRequest request) =>
        await JsonSerializer.DeserializeAsync<T>(request.InputStream, ControlJson.Options).ConfigureAwait(false)
        ?? throw new JsonException("the body is empty");
}
