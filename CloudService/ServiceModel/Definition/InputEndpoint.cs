namespace BackgroundRoles.ServiceModel;

/// <summary>
/// An <c>InputEndpoint</c>: a load-balanced public port. <see cref="LocalPort"/> is null when absent (the instance
/// listens on <see cref="Port"/>) or when it is <c>*</c> (<see cref="LocalPortIsAny"/>: the platform picks one).
/// Ports are null when the attribute could not be read; the reader has already reported it.
/// </summary>
public sealed record InputEndpoint
{
    public required string Name { get; init; }

    /// <summary>Null when the protocol was missing or unknown (already reported).</summary>
    public EndpointProtocol? Protocol { get; init; }

    public int? Port { get; init; }

    public int? LocalPort { get; init; }

    public bool LocalPortIsAny { get; init; }

    /// <summary>Name of a role certificate, for https endpoints.</summary>
    public string? Certificate { get; init; }

    /// <summary>Name of an internal load balancer in the configuration's NetworkConfiguration.</summary>
    public string? LoadBalancer { get; init; }

    /// <summary>Name of a service-level <see cref="T:BackgroundRoles.ServiceModel.LoadBalancerProbe"/>.</summary>
    public string? LoadBalancerProbe { get; init; }

    public bool? IgnoreRoleInstanceStatus { get; init; }

    public int? IdleTimeoutInMinutes { get; init; }

    public required SourceLocation Location { get; init; }
}
