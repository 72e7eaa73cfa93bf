using BackgroundRoles.LoadBalancing;

namespace BackgroundRoles.Fabric.LoadBalancing;

/// <summary>
/// One slot's public address: a listener on each of its public endpoints (HTTP ones through one
/// <see cref="LoadBalancer"/>, per request; TCP ones through a <see cref="TcpLoadBalancer"/> each, per connection),
/// sending traffic to whichever deployment is attached now. Every request or connection asks for the backends at
/// that moment, so <see cref="Exchange"/> (a VIP swap) sends new requests and connections to the other deployment at
/// once while those in flight finish where they started.
/// </summary>
/// <remarks>
/// Order of calls: <see cref="StartAsync"/>, then <see cref="Attach"/>; <see cref="DisposeAsync"/> closes the TCP
/// listeners, then the HTTP one, then the attached routing.
/// </remarks>
public sealed class PublicFrontend : IAsyncDisposable
{
    private readonly List<TcpLoadBalancer> _tcp = [];
    private LoadBalancer? _http;
    private volatile DeploymentRouting? _routing;

    private PublicFrontend(IReadOnlyList<PublicEndpoint> endpoints)
    {
        Endpoints = endpoints;
    }

    /// <summary>The endpoints it listens on.</summary>
    public IReadOnlyList<PublicEndpoint> Endpoints { get; }

    /// <summary>The deployment its traffic goes to now, or null.</summary>
    public LocalDeployment? Deployment => _routing?.Deployment;

    /// <summary>Listens on each endpoint's port (no traffic until <see cref="Attach"/>); throws <see cref="IOException"/> when one is taken.</summary>
    public static async Task<PublicFrontend> StartAsync(IReadOnlyList<PublicEndpoint> endpoints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var frontend = new PublicFrontend(endpoints);
        try
        {
            foreach (var endpoint in endpoints.Where(e => !e.IsHttp))
            {
                frontend._tcp.Add(TcpLoadBalancer.Start(new BalancedEndpoint(endpoint.Name, endpoint.Port, new Source(frontend, endpoint.Name)) { IdleTimeout = endpoint.IdleTimeout }));
            }

            var httpEndpoints = endpoints.Where(e => e.IsHttp).Select(e => new BalancedEndpoint(e.Name, e.Port, new Source(frontend, e.Name))).ToList();
            if (httpEndpoints.Count > 0)
            {
                frontend._http = await LoadBalancer.StartAsync(httpEndpoints, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await frontend.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return frontend;
    }

    /// <summary>Sends the traffic to <paramref name="deployment"/> from now on.</summary>
    public void Attach(LocalDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var previous = _routing;
        _routing = new DeploymentRouting(deployment);
        previous?.Dispose();
    }

    /// <summary>
    /// The VIP swap: each frontend's traffic goes to the deployment the other one had. Each endpoint changes in one
    /// reference write; requests and connections already forwarded are not touched.
    /// </summary>
    public static void Exchange(PublicFrontend first, PublicFrontend second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        (first._routing, second._routing) = (second._routing, first._routing);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var balancer in _tcp)
        {
            await balancer.DisposeAsync().ConfigureAwait(false);
        }

        if (_http is not null)
        {
            await _http.DisposeAsync().ConfigureAwait(false);
        }

        _routing?.Dispose();
        _routing = null;
    }

    /// <summary>One endpoint's backends: those of the attached deployment's endpoint of the same name, read per request.</summary>
    private sealed class Source(PublicFrontend frontend, string name) : IBackendSource
    {
        public IReadOnlyList<Uri> Backends => frontend._routing?.Backends(name) ?? [];
    }
}
