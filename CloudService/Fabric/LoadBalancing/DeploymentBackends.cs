using BackgroundRoles.Fabric.Instances;
using BackgroundRoles.LoadBalancing;

namespace BackgroundRoles.Fabric.LoadBalancing;

/// <summary>
/// The instances of a role that may take traffic for one of its input endpoints, kept current from the
/// deployment's <see cref="LocalDeployment.InstancesChanged"/>: the Ready ones (OnStart done, not Busy), or, for an
/// endpoint with ignoreRoleInstanceStatus, every one whose process runs.
/// </summary>
internal sealed class DeploymentBackends : IBackendSource, IDisposable
{
    private readonly LocalDeployment _deployment;
    private readonly PublicEndpoint _endpoint;
    private volatile Uri[] _backends = [];

    public DeploymentBackends(LocalDeployment deployment, PublicEndpoint endpoint)
    {
        _deployment = deployment;
        _endpoint = endpoint;
        _deployment.InstancesChanged += OnInstancesChanged;
        Refresh(deployment.GetInstances(endpoint.RoleName));
    }

    public IReadOnlyList<Uri> Backends => _backends;

    public void Dispose() => _deployment.InstancesChanged -= OnInstancesChanged;

    private void OnInstancesChanged(object? sender, InstancesChangedEventArgs e)
    {
        if (string.Equals(e.RoleName, _endpoint.RoleName, StringComparison.OrdinalIgnoreCase))
        {
            Refresh(e.Instances);
        }
    }

    private void Refresh(IReadOnlyList<InstanceSnapshot> instances) =>
        _backends = [.. instances
            .Where(i => i.State == InstanceState.Ready || (_endpoint.IgnoreRoleInstanceStatus && i.State == InstanceState.Busy))
            .SelectMany(i => i.Endpoints.Where(e => e.Name == _endpoint.EndpointName))
            .Select(e => new Uri($"http://{e.Address}:{e.Port}/"))];
}
