using BackgroundRoles.LoadBalancing;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>
/// A public endpoint as the emulator exposes it: a loopback port of the load balancer in front of the private ports
/// instances listen on. Either an HTTP or TCP input endpoint of a role, balanced over its instances (per request or
/// per connection), or, with <see cref="InstanceId"/>, an instance input endpoint of one instance, forwarded to that
/// instance only.
/// </summary>
/// <param name="RoleName">The role.</param>
/// <param name="EndpointName">The endpoint, as the csdef names it.</param>
/// <param name="Protocol"><c>http</c> (balanced per request) or <c>tcp</c> (per connection).</param>
/// <param name="Port">The public port: the one the csdef asks for when it is free and not below 1024, else a free one (<see cref="PortNote"/> says why).</param>
/// <param name="IgnoreRoleInstanceStatus">True when Busy instances take traffic too; always so for an instance input endpoint.</param>
public sealed record PublicEndpoint(string RoleName, string EndpointName, string Protocol, int Port, bool IgnoreRoleInstanceStatus)
{
    /// <summary>For an instance input endpoint, the one instance it forwards to; null for an input endpoint.</summary>
    public string? InstanceId { get; init; }

    /// <summary>For a TCP endpoint: how long a connection may carry nothing before the balancer closes it (the csdef's idleTimeoutInMinutes, else the platform's 4 minutes).</summary>
    public TimeSpan IdleTimeout { get; init; } = LoadBalancerDefaults.IdleTimeout;

    /// <summary>Why <see cref="Port"/> is not the port the csdef asks for, or null when it is.</summary>
    public string? PortNote { get; init; }

    /// <summary>The key of an endpoint: <c>Role/Endpoint</c> for an input endpoint, <c>Role_IN_N/Endpoint</c> for an instance input endpoint.</summary>
    public static string Key(string roleOrInstance, string endpointName) => roleOrInstance + "/" + endpointName;

    public string Name => Key(InstanceId ?? RoleName, EndpointName);

    public bool IsHttp => Protocol == "http";

    public string Url => $"{Protocol}://127.0.0.1:{Port}/";

    /// <summary>One line for the user: where the endpoint is and where its traffic goes.</summary>
    public string Describe()
    {
        var traffic = IsHttp ? "requests" : "connections";
        var goes = InstanceId is not null ? $"instance input endpoint: connections go to {InstanceId} only"
            : IgnoreRoleInstanceStatus ? $"load balancer: {traffic} go to every running instance (ignoreRoleInstanceStatus)"
            : $"load balancer: {traffic} go to Ready instances only";
        return $"{Name}: {Url} ({goes}{(PortNote is null ? string.Empty : "; " + PortNote)})";
    }

    /// <summary>
    /// The HTTP and TCP input endpoints of the roles, each with a public port from <paramref name="ports"/>: the csdef's
    /// when free, or, without <paramref name="useDefinedPorts"/> (the staging slot's own address), any free one.
    /// </summary>
    public static IReadOnlyList<PublicEndpoint> Allocate(IEnumerable<RoleDefinition> roles, PortAllocator ports, bool useDefinedPorts = true) =>
        [.. roles.SelectMany(role => role.InputEndpoints
            .Where(e => e.Protocol is EndpointProtocol.Http or EndpointProtocol.Tcp)
            .Select(e =>
            {
                var (port, note) = useDefinedPorts ? Take(ports, e.Port) : (ports.Allocate(null), null);
                return new PublicEndpoint(role.Name, e.Name, e.Protocol == EndpointProtocol.Http ? "http" : "tcp", port, e.IgnoreRoleInstanceStatus ?? false)
                {
                    PortNote = note,
                    IdleTimeout = e.IdleTimeoutInMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : LoadBalancerDefaults.IdleTimeout,
                };
            }))];

    /// <summary>
    /// The TCP instance input endpoints of instance <paramref name="index"/> of <paramref name="role"/>: public port
    /// <c>min + index</c> of the endpoint's range, else a free one. It forwards while the instance's process runs, Busy
    /// too: a port that leads to one instance has no other to send a connection to.
    /// </summary>
    public static IReadOnlyList<PublicEndpoint> AllocateForInstance(RoleDefinition role, int index, PortAllocator ports) =>
        [.. role.InstanceInputEndpoints
            .Where(e => e.Protocol is EndpointProtocol.Tcp)
            .Select(e =>
            {
                var range = e.PublicPortRange;
                var wanted = range?.Min + index;
                var (port, note) = range is { Max: { } max } && wanted > max
                    ? (ports.Allocate(null), $"not {wanted}, which lies past its range {range.Min}-{max}")
                    : Take(ports, wanted);
                return new PublicEndpoint(role.Name, e.Name, "tcp", port, IgnoreRoleInstanceStatus: true)
                {
                    InstanceId = RoleInstanceBuilder.InstanceId(role.Name, index),
                    PortNote = note,
                };
            })];

    /// <summary>Why each endpoint the emulator does not put a public port in front of is left as it is.</summary>
    public static IReadOnlyList<string> Unforwarded(IEnumerable<RoleDefinition> roles) =>
        [.. roles.SelectMany(role => role.InputEndpoints
            .Where(e => e.Protocol is EndpointProtocol.Https or EndpointProtocol.Udp)
            .Select(e => $"{Key(role.Name, e.Name)}: {e.Protocol.ToString()!.ToLowerInvariant()} input endpoints are not load balanced by the emulator; each instance listens on a loopback port of its own")
            .Concat(role.InstanceInputEndpoints
                .Where(e => e.Protocol is EndpointProtocol.Udp)
                .Select(e => $"{Key(role.Name, e.Name)}: udp instance input endpoints are not forwarded by the emulator; each instance listens on a loopback port of its own")))];

    private static (int Port, string? Note) Take(PortAllocator ports, int? wanted)
    {
        var port = ports.Allocate(wanted);
        var note = wanted is not { } asked || asked == port ? null
            : asked < PortAllocator.FirstUnprivilegedPort ? $"not {asked}, which needs privileges"
            : $"not {asked}, which is taken";
        return (port, note);
    }
}
