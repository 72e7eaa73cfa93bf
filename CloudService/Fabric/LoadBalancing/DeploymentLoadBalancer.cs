using BackgroundRoles.LoadBalancing;

namespace BackgroundRoles.Fabric.LoadBalancing;

/// <summary>
/// The load balancer in front of a running deployment: its HTTP input endpoints through one <see cref="LoadBalancer"/>
/// (per request), each TCP input endpoint through a <see cref="TcpLoadBalancer"/> (per connection), and each
/// instance's instance input endpoints through a <see cref="TcpLoadBalancer"/> of their own, to that instance only.
/// </summary>
/// <remarks>
/// Order of calls: <see cref="StartAsync"/> before the deployment runs (it listens on every
/// <see cref="LocalDeployment.PublicEndpoints"/>; instance routes open as instances appear); <see cref="DisposeAsync"/>
/// once it has stopped, closing the instance routes, then the TCP ones, then the HTTP balancer.
/// </remarks>
public sealed class DeploymentLoadBalancer : IAsyncDisposable
{
    private readonly LoadBalancer? _http;
    private readonly List<DeploymentBackends> _httpBackends;
    private readonly List<TcpRoute> _tcp;
    private readonly InstanceRoutes _instances;

    private DeploymentLoadBalancer(LoadBalancer? http, List<DeploymentBackends> httpBackends, List<TcpRoute> tcp, InstanceRoutes instances)
    {
        _http = http;
        _httpBackends = httpBackends;
        _tcp = tcp;
        _instances = instances;
    }

    /// <summary>Listens on each public endpoint's port; throws <see cref="IOException"/> when one is taken.</summary>
    public static async Task<DeploymentLoadBalancer> StartAsync(LocalDeployment deployment, CancellationToken cancellationToken = default)
    {
        var httpBackends = deployment.PublicEndpoints.Where(e => e.IsHttp).Select(e => new DeploymentBackends(deployment, e)).ToList();
        var tcp = new List<TcpRoute>();
        LoadBalancer? http = null;
        try
        {
            foreach (var endpoint in deployment.PublicEndpoints.Where(e => !e.IsHttp))
            {
                tcp.Add(TcpRoute.Open(deployment, endpoint));
            }

            if (httpBackends.Count > 0)
            {
                var endpoints = httpBackends.Select(b => new BalancedEndpoint(b.Endpoint.Name, b.Endpoint.Port, b)).ToList();
                http = await LoadBalancer.StartAsync(endpoints, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await CloseAsync(null, httpBackends, tcp).ConfigureAwait(false);
            throw;
        }

        return new DeploymentLoadBalancer(http, httpBackends, tcp, new InstanceRoutes(deployment));
    }

    public async ValueTask DisposeAsync()
    {
        await _instances.DisposeAsync().ConfigureAwait(false);
        await CloseAsync(_http, _httpBackends, _tcp).ConfigureAwait(false);
    }

    private static async Task CloseAsync(LoadBalancer? http, List<DeploymentBackends> httpBackends, List<TcpRoute> tcp)
    {
        foreach (var route in tcp)
        {
            await route.DisposeAsync().ConfigureAwait(false);
        }

        if (http is not null)
        {
            await http.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var backends in httpBackends)
        {
            backends.Dispose();
        }
    }
}
