using BackgroundRoles.Fabric.Instances;
using BackgroundRoles.LoadBalancing;

namespace BackgroundRoles.Fabric.LoadBalancing;

/// <summary>
/// The instances that may take traffic for one public endpoint, kept current from the deployment's
/// <see cref="LocalDeployment.InstancesChanged"/>: the role's Ready ones (OnStart done, not Busy), or, for an endpoint
/// with ignoreRoleInstanceStatus, every one whose process runs; for an instance input endpoint, that one instance
/// while its process runs; never one an upgrade took out of rotation. Listed as <c>http://</c> or <c>tcp://address:port/</c> by the endpoint's protocol.
/// </summary>
internal sealed class DeploymentBackends : IBackendSource, IDisposable
{
    private readonly LocalDeployment _deployment;
    private readonly CoalescingRefresh _refresh;
    private volatile Uri[] _backends = [];

    public DeploymentBackends(LocalDeployment deployment, PublicEndpoint endpoint)
    {
        _deployment = deployment;
        Endpoint = endpoint;
        _refresh = new CoalescingRefresh(Refresh);
        _deployment.InstancesChanged += OnInstancesChanged;
        _refresh.Request();
    }

    public PublicEndpoint Endpoint { get; }

    public IReadOnlyList<Uri> Backends => _backends;

    public void Dispose() => _deployment.InstancesChanged -= OnInstancesChanged;

    private void OnInstancesChanged(object? sender, InstancesChangedEventArgs e)
    {
        if (string.Equals(e.RoleName, Endpoint.RoleName, StringComparison.OrdinalIgnoreCase))
        {
            _refresh.Request();
        }
    }

    private void Refresh()
    {
        var scheme = Endpoint.IsHttp ? "http" : "tcp";
        _backends = [.. _deployment.GetInstances(Endpoint.RoleName)
            .Where(i => Endpoint.InstanceId is null || string.Equals(i.InstanceId, Endpoint.InstanceId, StringComparison.OrdinalIgnoreCase))
            .Where(i => !i.OutOfRotation && (i.State == InstanceState.Ready || (Endpoint.IgnoreRoleInstanceStatus && i.State == InstanceState.Busy)))
            .SelectMany(i => i.Endpoints.Where(e => e.Name == Endpoint.EndpointName))
            .Select(e => new Uri($"{scheme}://{e.Address}:{e.Port}/"))];
    }
}
