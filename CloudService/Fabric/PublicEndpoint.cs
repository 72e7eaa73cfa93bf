using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>
/// An HTTP input endpoint of a role as the emulator exposes it: the load balancer's loopback port (the csdef's
/// port when it is free and not below 1024, else a free one) in front of the role's instances.
/// </summary>
public sealed record PublicEndpoint(string RoleName, string EndpointName, string Protocol, int Port, bool IgnoreRoleInstanceStatus)
{
    public static string Key(string roleName, string endpointName) => roleName + "/" + endpointName;

    public string Name => Key(RoleName, EndpointName);

    public string Url => $"{Protocol}://127.0.0.1:{Port}/";

    /// <summary>The HTTP input endpoints of the roles, each with a public port from <paramref name="ports"/>.</summary>
    public static IReadOnlyList<PublicEndpoint> Allocate(IEnumerable<RoleDefinition> roles, PortAllocator ports) =>
        [.. roles.SelectMany(role => role.InputEndpoints
            .Where(e => e.Protocol is EndpointProtocol.Http)
            .Select(e => new PublicEndpoint(role.Name, e.Name, "http", ports.Allocate(e.Port), e.IgnoreRoleInstanceStatus ?? false)))];
}
