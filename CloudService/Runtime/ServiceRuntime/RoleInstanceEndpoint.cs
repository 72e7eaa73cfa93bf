using System.Net;

namespace BackgroundRoles.ServiceRuntime;

/// <summary>An endpoint of a role instance: where the instance itself listens.</summary>
/// <param name="Name">The endpoint name from the csdef.</param>
/// <param name="Protocol">http, https, tcp, udp or any.</param>
/// <param name="IPEndpoint">The address and port the instance listens on.</param>
/// <param name="PublicIPEndpoint">The load balancer's address and port for an input endpoint, else null.</param>
public sealed record RoleInstanceEndpoint(string Name, string Protocol, IPEndPoint IPEndpoint, IPEndPoint? PublicIPEndpoint);
