using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>The deployment's public endpoints: what the load balancer listens on, and for which instances.</summary>
public sealed partial class LocalDeployment
{
    /// <summary>The load balancer's endpoints: each HTTP and TCP input endpoint of each role, with its public port.</summary>
    public IReadOnlyList<PublicEndpoint> PublicEndpoints
    {
        get
        {
            lock (_gate)
            {
                return _publicEndpoints ??= PublicEndpoint.Allocate(Roles(), Ports, Options.UseDefinedPublicPorts);
            }
        }
    }

    /// <summary>The endpoints the emulator leaves without a public port in front (udp, https), each with why.</summary>
    public IReadOnlyList<string> UnforwardedEndpoints => PublicEndpoint.Unforwarded(Roles());

    /// <summary>
    /// The public endpoints of an instance's TCP instance input endpoints, each forwarded to that instance only; the
    /// same ports for the life of the deployment (after a recycle, or a scale down and up). Empty for an instance
    /// never planned.
    /// </summary>
    public IReadOnlyList<PublicEndpoint> InstancePublicEndpoints(string instanceId)
    {
        lock (_gate)
        {
            return _instancePublicEndpoints.GetValueOrDefault(instanceId, []);
        }
    }

    private IReadOnlyList<PublicEndpoint> ReserveInstancePublicEndpoints(RoleDefinition role, int index)
    {
        var instanceId = RoleInstanceBuilder.InstanceId(role.Name, index);
        lock (_gate)
        {
            if (!_instancePublicEndpoints.TryGetValue(instanceId, out var endpoints))
            {
                _instancePublicEndpoints[instanceId] = endpoints = PublicEndpoint.AllocateForInstance(role, index, Ports);
            }

            return endpoints;
        }
    }
}
