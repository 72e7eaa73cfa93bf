namespace BackgroundRoles.ServiceModel;

/// <summary>A service-level <c>LoadBalancerProbes/LoadBalancerProbe</c>.</summary>
public sealed record LoadBalancerProbe
{
    public required string Name { get; init; }

    public EndpointProtocol? Protocol { get; init; }

    public string? Path { get; init; }

    public int? Port { get; init; }

    public int? IntervalInSeconds { get; init; }

    public int? TimeoutInSeconds { get; init; }

    public required SourceLocation Location { get; init; }
}
