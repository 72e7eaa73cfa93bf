using BackgroundRoles.LoadBalancing;

namespace BackgroundRoles.Fabric.LoadBalancing;

/// <summary>The load balancer in front of every HTTP input endpoint of a running deployment.</summary>
public sealed class DeploymentLoadBalancer : IAsyncDisposable
{
    private readonly LoadBalancer? _balancer;
    private readonly List<DeploymentBackends> _sources;

    private DeploymentLoadBalancer(LoadBalancer? balancer, List<DeploymentBackends> sources)
    {
        _balancer = balancer;
        _sources = sources;
    }

    /// <summary>Listens on each public endpoint's port and routes to that role's instances that take traffic.</summary>
    public static async Task<DeploymentLoadBalancer> StartAsync(LocalDeployment deployment, CancellationToken cancellationToken = default)
    {
        var sources = deployment.PublicEndpoints.Select(e => new DeploymentBackends(deployment, e)).ToList();
        if (sources.Count == 0)
        {
            return new DeploymentLoadBalancer(null, sources);
        }

        var endpoints = deployment.PublicEndpoints.Select((e, i) => new BalancedEndpoint(e.Name, e.Port, sources[i])).ToList();
        var balancer = await LoadBalancer.StartAsync(endpoints, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new DeploymentLoadBalancer(balancer, sources);
    }

    public async ValueTask DisposeAsync()
    {
        if (_balancer is not null)
        {
            await _balancer.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var source in _sources)
        {
            source.Dispose();
        }
    }
}
