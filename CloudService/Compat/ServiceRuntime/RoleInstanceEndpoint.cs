using System.Net;

namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>An endpoint of a role instance.</summary>
public abstract class RoleInstanceEndpoint
{
    /// <summary>The address and port the instance itself listens on.</summary>
    public abstract IPEndPoint IPEndpoint { get; }

    /// <summary>http, https, tcp, udp or any.</summary>
    public abstract string Protocol { get; }

    /// <summary>The load balancer's address and port for an input endpoint; null for an internal one.</summary>
    public abstract IPEndPoint? PublicIPEndpoint { get; }

    /// <summary>The instance the endpoint belongs to.</summary>
    public abstract RoleInstance RoleInstance { get; }
}
