using System.Collections.Concurrent;

namespace BackgroundRoles.Fabric;

/// <summary>
/// The ports of each instance's internal endpoints for the life of a deployment: the same after a recycle, and known
/// before an instance starts, so every instance's <c>RoleEnvironment.Roles</c> can list where its peers listen.
/// </summary>
public sealed class InstancePorts(PortAllocator ports)
{
    private readonly ConcurrentDictionary<(string InstanceId, string Endpoint), int> _ports = new();

    /// <summary>The allocator behind it, for the deployment's other ports (public endpoints, instance ports).</summary>
    public PortAllocator Allocator => ports;

    /// <summary>The instance's port for the endpoint; the first time, <paramref name="preferred"/> when it is free.</summary>
    public int For(string instanceId, string endpointName, int? preferred) =>
        _ports.GetOrAdd((instanceId, endpointName), _ => ports.Allocate(preferred));
}
