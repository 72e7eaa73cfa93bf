using BackgroundRoles.Export.Internal.Yaml;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Export.Internal;

/// <summary>
/// The Services in front of a role: one per input endpoint (a LoadBalancer, as the public VIP was; a ClusterIP for
/// one on an internal load balancer), selecting the production slot's pods; and one headless Service for the internal
/// endpoints, listing every instance, Ready or not, as the platform's topology did, so peers can be found in DNS.
/// </summary>
internal static class ServiceWriter
{
    public static IEnumerable<YamlMap> Services(ExportContext context, RolePlan plan)
    {
        var role = plan.Role;
        foreach (var endpoint in role.InputEndpoints)
        {
            if (endpoint.Port is not { } port || !plan.ContainerPorts.TryGetValue(endpoint.Name, out var target))
            {
                continue;
            }

            if (endpoint.Protocol == EndpointProtocol.Https)
            {
                context.Note($"{role.Name}/InputEndpoint {endpoint.Name}", $"https: the Service forwards TCP; terminate TLS with certificate '{endpoint.Certificate}' in the role (as before) or in an Ingress");
            }

            if (endpoint.LoadBalancerProbe is { } probe)
            {
                context.Note($"{role.Name}/InputEndpoint {endpoint.Name}", $"load balancer probe '{probe}' is replaced by the pod's readiness probe on /ready");
            }

            yield return Service(context, plan, KubernetesNames.Label(plan.Name, endpoint.Name), endpoint.LoadBalancer is null ? "LoadBalancer" : "ClusterIP", headless: false, [Port(endpoint.Name, endpoint.Protocol, port, target)]);
        }

        var internals = role.InternalEndpoints.Where(e => e.Protocol != EndpointProtocol.Any).Select(e => Port(e.Name, e.Protocol, plan.ContainerPorts[e.Name], plan.ContainerPorts[e.Name])).ToList();
        if (role.InternalEndpoints.Count > 0)
        {
            foreach (var any in role.InternalEndpoints.Where(e => e.Protocol == EndpointProtocol.Any))
            {
                context.Note($"{role.Name}/InternalEndpoint {any.Name}", "protocol 'any' opens every port between instances: pods reach each other on any port already; the headless Service lists no port for it");
            }

            yield return Service(context, plan, KubernetesNames.Label(plan.Name, "internal"), "ClusterIP", headless: true, internals);
        }

        foreach (var endpoint in role.InstanceInputEndpoints)
        {
            context.Note($"{role.Name}/InstanceInputEndpoint {endpoint.Name}", "a public port per instance has no Deployment counterpart: pods have no ordinal; use a StatefulSet with a Service per pod, or hostPort");
        }
    }

    private static YamlMap Port(string name, EndpointProtocol? protocol, int port, int target) => new()
    {
        ["name"] = KubernetesNames.PortName(name),
        ["port"] = port,
        ["targetPort"] = target,
        ["protocol"] = protocol == EndpointProtocol.Udp ? "UDP" : "TCP",
    };

    private static YamlMap Service(ExportContext context, RolePlan plan, string name, string type, bool headless, List<YamlMap> ports) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = ConfigMapWriter.Metadata(context, plan, name),
        ["spec"] = new YamlMap
        {
            ["type"] = type,
            ["clusterIP"] = headless ? "None" : null,
            ["publishNotReadyAddresses"] = headless ? true : null,
            ["selector"] = new YamlMap { [ExportDefaults.RoleLabel] = plan.Name, [ExportDefaults.SlotLabel] = ExportDefaults.ProductionSlot },
            ["ports"] = ports.Count > 0 ? ports.Cast<object>().ToList() : null,
        },
    };
}
