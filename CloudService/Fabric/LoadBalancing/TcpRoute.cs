using BackgroundRoles.LoadBalancing;

namespace BackgroundRoles.Fabric.LoadBalancing;

/// <summary>One TCP public endpoint of the deployment: its balancer and the backends it takes connections to.</summary>
internal sealed class TcpRoute : IAsyncDisposable
{
    private readonly TcpLoadBalancer _balancer;
    private readonly DeploymentBackends _backends;

    private TcpRoute(TcpLoadBalancer balancer, DeploymentBackends backends)
    {
        _balancer = balancer;
        _backends = backends;
    }

    public PublicEndpoint Endpoint => _backends.Endpoint;

    /// <summary>Listens on the endpoint's public port; throws <see cref="IOException"/> when it is taken.</summary>
    public static TcpRoute Open(LocalDeployment deployment, PublicEndpoint endpoint)
    {
        var backends = new DeploymentBackends(deployment, endpoint);
        try
        {
            return new TcpRoute(TcpLoadBalancer.Start(new BalancedEndpoint(endpoint.Name, endpoint.Port, backends) { IdleTimeout = endpoint.IdleTimeout }), backends);
        }
        catch
        {
            backends.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _balancer.DisposeAsync().ConfigureAwait(false);
        _backends.Dispose();
    }
}
