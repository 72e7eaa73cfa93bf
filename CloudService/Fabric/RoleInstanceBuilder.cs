using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>
/// Turns a validated service model into the spec of one role instance: its id (<c>&lt;Role&gt;_IN_&lt;N&gt;</c>),
/// settings from the cscfg, local resources under the state folder, loopback endpoints, the topology of every
/// role, the csdef's Runtime environment variables (RoleInstanceValue xpaths evaluated), the startup tasks and the
/// command to start.
/// </summary>
/// <remarks>
/// With <paramref name="publicPorts"/> (the emulator's load balancer, by <see cref="PublicEndpoint.Key"/>: the role's
/// for an input endpoint, the instance's for an instance input endpoint), such an endpoint listens on a private port
/// and reports the balancer's port as its public one; without (standalone <c>host</c>, or a protocol the emulator does
/// not forward), the instance listens where the public port would be.
/// With <paramref name="instancePorts"/> (the emulator), internal endpoints keep their ports across recycles and every
/// instance's descriptor lists its peers' internal endpoints. With <paramref name="roleFiles"/> (the emulator: a
/// package's approots, by role name), roles run from there; without, from their build output.
/// </remarks>
public sealed class RoleInstanceBuilder(
    FabricLayout layout,
    PortAllocator ports,
    IReadOnlyDictionary<string, int>? publicPorts = null,
    InstancePorts? instancePorts = null,
    IReadOnlyDictionary<string, RoleFiles>? roleFiles = null)
{
    /// <summary>The address every endpoint listens on: nothing listens beyond loopback.</summary>
    public const string LoopbackAddress = "127.0.0.1";

    /// <summary>The upgrade domain count when the csdef does not set one, as on the platform.</summary>
    public const int DefaultUpgradeDomainCount = 5;

    /// <summary>Fault domains the emulator pretends to have.</summary>
    public const int FaultDomainCount = 2;

    public static string InstanceId(string roleName, int index) => $"{roleName}_IN_{index}";

    /// <summary>
    /// Builds the spec; every problem (an xpath that cannot be evaluated, no executable) is returned.
    /// <paramref name="isEmulated"/> is what <c>RoleEnvironment.IsEmulated</c> and the xpath
    /// <c>/RoleEnvironment/Deployment/@emulated</c> say: true under the emulator, false outside it (<c>host</c>).
    /// </summary>
    public (RoleInstanceSpec? Spec, IReadOnlyList<string> Errors) Build(
        ServiceDefinition definition, ServiceConfiguration configuration, RoleDefinition role, int index, string deploymentId, bool isEmulated)
    {
        var errors = new List<string>();
        var roleConfiguration = configuration.FindRole(role.Name);
        var instanceId = InstanceId(role.Name, index);
        var instanceDirectory = layout.InstanceDirectory(instanceId);

        var descriptor = new RoleInstanceDescriptor
        {
            DeploymentId = deploymentId,
            RoleName = role.Name,
            InstanceId = instanceId,
            IsEmulated = isEmulated,
            UpdateDomain = index % (definition.UpgradeDomainCount ?? DefaultUpgradeDomainCount),
            FaultDomain = index % FaultDomainCount,
            Settings = (roleConfiguration?.Settings ?? []).GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal),
            LocalResources = role.LocalStorage
                .Select(s => new LocalResourceDescriptor(s.Name, Path.Combine(instanceDirectory, "LocalResources", s.Name), s.SizeInMB ?? 0))
                .ToList(),
            Endpoints = BuildEndpoints(role, instanceId),
            Roles = Topology(definition.Roles, r => configuration.FindRole(r.Name)?.InstanceCount ?? 1),
            LogDirectory = layout.LogDirectory,
            EntryPointAssembly = (role.Runtime?.EntryPoint as NetFxEntryPoint)?.AssemblyName,
        };

        var variables = EnvironmentResolver.Resolve(role.Runtime?.Environment ?? [], descriptor, errors);

        // Startup task variables are resolved at each start; an xpath that cannot be evaluated is reported now.
        _ = EnvironmentResolver.Resolve(role.StartupTasks.SelectMany(t => t.Environment), descriptor, errors);

        var files = roleFiles?.GetValueOrDefault(role.Name) ?? RoleFiles.FromBuild(role, layout);
        var command = RoleCommandResolver.Resolve(role, files, out var commandError);
        if (command is null)
        {
            errors.Add(commandError!);
            return (null, errors);
        }

        var cleanOnStart = role.LocalStorage
            .Where(s => s.CleanOnRoleRecycle ?? true)
            .Select(s => descriptor.LocalResources.First(r => r.Name == s.Name).RootPath)
            .ToList();
        var spec = new RoleInstanceSpec(descriptor, command, variables, cleanOnStart)
        {
            DeclaredEnvironment = role.Runtime?.Environment ?? [],
            StartupTasks = role.StartupTasks,
            StartupDirectory = files.StartupDirectory,
            RaisesTopologyChanges = role.InternalEndpoints.Count > 0,
            PackageId = files.PackageId,
        };
        return (errors.Count == 0 ? spec : null, errors);
    }

    /// <summary>Every role with its instance ids and, with <see cref="InstancePorts"/>, each instance's internal endpoints.</summary>
    public IReadOnlyList<RoleTopologyDescriptor> Topology(IEnumerable<RoleDefinition> roles, Func<RoleDefinition, int> instanceCount) =>
        [.. roles.Select(r =>
        {
            var ids = Enumerable.Range(0, instanceCount(r)).Select(i => InstanceId(r.Name, i)).ToList();
            return new RoleTopologyDescriptor(r.Name, ids)
            {
                InstanceEndpoints = instancePorts is null
                    ? new Dictionary<string, IReadOnlyList<EndpointDescriptor>>()
                    : ids.ToDictionary(id => id, id => (IReadOnlyList<EndpointDescriptor>)[.. r.InternalEndpoints.Select(e => InternalEndpoint(e, id))]),
            };
        })];

    private EndpointDescriptor InternalEndpoint(InternalEndpoint endpoint, string instanceId)
    {
        var preferred = endpoint.FixedPort ?? endpoint.Port ?? endpoint.FixedPortRange?.Min;
        var port = instancePorts?.For(instanceId, endpoint.Name, preferred) ?? ports.Allocate(preferred);
        return new EndpointDescriptor(endpoint.Name, ProtocolName(endpoint.Protocol), LoopbackAddress, port, null);
    }

    private List<EndpointDescriptor> BuildEndpoints(RoleDefinition role, string instanceId)
    {
        var endpoints = new List<EndpointDescriptor>();
        endpoints.AddRange(role.InputEndpoints.Select(e => PublicOrDirect(e.Name, e.Protocol, PublicEndpoint.Key(role.Name, e.Name), e.LocalPort ?? e.Port)));
        endpoints.AddRange(role.InternalEndpoints.Select(e => InternalEndpoint(e, instanceId)));
        endpoints.AddRange(role.InstanceInputEndpoints.Select(e =>
            PublicOrDirect(e.Name, e.Protocol, PublicEndpoint.Key(instanceId, e.Name), e.LocalPort ?? e.PublicPortRange?.Min)));
        return endpoints;
    }

    /// <summary>A private port behind the balancer's public one, or, with none, the instance's own port as both.</summary>
    private EndpointDescriptor PublicOrDirect(string name, EndpointProtocol? protocol, string publicKey, int? directPort)
    {
        if (publicPorts is not null && publicPorts.TryGetValue(publicKey, out var publicPort))
        {
            return new EndpointDescriptor(name, ProtocolName(protocol), LoopbackAddress, ports.Allocate(null), publicPort);
        }

        var port = ports.Allocate(directPort);
        return new EndpointDescriptor(name, ProtocolName(protocol), LoopbackAddress, port, port);
    }

    private static string ProtocolName(EndpointProtocol? protocol) => (protocol ?? EndpointProtocol.Tcp).ToString().ToLowerInvariant();
}
