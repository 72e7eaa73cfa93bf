using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace BackgroundRoles.LoadBalancing;

/// <summary>
/// The emulator's load balancer for HTTP input endpoints: one Kestrel listener per public port, on loopback only;
/// each request goes to the next backend in turn (round robin) among those its endpoint's
/// <see cref="IBackendSource"/> lists now, forwarded by YARP; no backend means 503 with a plain reason.
/// </summary>
public sealed class LoadBalancer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoadBalancer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Starts listening on every endpoint's public port; throws <see cref="IOException"/> when a port is taken.</summary>
    public static async Task<LoadBalancer> StartAsync(IReadOnlyList<BalancedEndpoint> endpoints, ILoggerProvider? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is not null)
        {
            builder.Logging.AddProvider(logging);
        }

        builder.Services.AddHttpForwarder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var endpoint in endpoints)
            {
                kestrel.Listen(IPAddress.Loopback, endpoint.PublicPort);
            }
        });

        var app = builder.Build();
        var client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = LoadBalancerDefaults.ConnectTimeout,
        });
        var routes = endpoints.ToDictionary(e => e.PublicPort, e => new Route(e));
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        app.Run(context => ForwardAsync(context, routes, forwarder, client));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new LoadBalancer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ForwardAsync(HttpContext context, Dictionary<int, Route> routes, IHttpForwarder forwarder, HttpMessageInvoker client)
    {
        var route = routes[context.Connection.LocalPort];
        var backend = route.Next();
        if (backend is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync($"{route.Endpoint.Name}: no instance is Ready to take this request.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // A backend that fails mid-request gets YARP's own 502 or 504; the next request goes to the next backend.
        await forwarder.SendAsync(context, backend.ToString(), client, ForwarderRequestConfig.Empty, HttpTransformer.Default).ConfigureAwait(false);
    }

    /// <summary>Round robin over whatever the source lists at the moment of each request.</summary>
    private sealed class Route(BalancedEndpoint endpoint)
    {
        private int _next = -1;

        public BalancedEndpoint Endpoint => endpoint;

        public Uri? Next()
        {
            var backends = endpoint.Backends.Backends;
            if (backends.Count == 0)
            {
                return null;
            }

            var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)backends.Count);
            return backends[index];
        }
    }
}
