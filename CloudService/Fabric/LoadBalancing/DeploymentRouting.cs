namespace BackgroundRoles.Fabric.LoadBalancing;

/// <summary>
/// Where one deployment takes the traffic of a <see cref="PublicFrontend"/>: a <see cref="DeploymentBackends"/> per
/// public endpoint, by name (<c>Role/Endpoint</c>), kept current from the deployment's instances. It moves with its
/// deployment when a swap gives the deployment the other slot's frontend.
/// </summary>
internal sealed class DeploymentRouting : IDisposable
{
    private readonly Dictionary<string, DeploymentBackends> _byName;

    public DeploymentRouting(LocalDeployment deployment)
    {
        Deployment = deployment;
        _byName = deployment.PublicEndpoints.ToDictionary(e => e.Name, e => new DeploymentBackends(deployment, e), StringComparer.OrdinalIgnoreCase);
    }

    public LocalDeployment Deployment { get; }

    /// <summary>The backends of the endpoint named <paramref name="name"/>; none when the deployment has no such endpoint.</summary>
    public IReadOnlyList<Uri> Backends(string name) => _byName.TryGetValue(name, out var backends) ? backends.Backends : [];

    public void Dispose()
    {
        foreach (var backends in _byName.Values)
        {
            backends.Dispose();
        }
    }
}
