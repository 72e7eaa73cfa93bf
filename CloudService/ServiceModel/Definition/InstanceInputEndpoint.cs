namespace BackgroundRoles.ServiceModel;

/// <summary>
/// An <c>InstanceInputEndpoint</c>: each instance gets its own public port from <see cref="PublicPortRange"/>
/// (<c>AllocatePublicPortFrom/FixedPortRange</c>), forwarded to <see cref="LocalPort"/>. The local port need not
/// lie inside the public range.
/// </summary>
public sealed record InstanceInputEndpoint
{
    public required string Name { get; init; }

    public EndpointProtocol? Protocol { get; init; }

    public int? LocalPort { get; init; }

    public PortRange? PublicPortRange { get; init; }

    public required SourceLocation Location { get; init; }
}
