namespace BackgroundRoles.ServiceModel;

/// <summary>The <c>protocol</c> of an endpoint or load balancer probe.</summary>
public enum EndpointProtocol
{
    Http,
    Https,
    Tcp,
    Udp,

    /// <summary><c>any</c>: internal endpoints only, opening every port between instances.</summary>
    Any,
}
