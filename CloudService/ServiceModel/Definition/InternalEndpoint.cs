namespace BackgroundRoles.ServiceModel;

/// <summary>
/// An <c>InternalEndpoint</c>, reachable only from other instances. The port may be given as the <c>port</c>
/// attribute, a <c>FixedPort</c> child or a <c>FixedPortRange</c> child, or not at all (the platform assigns one).
/// </summary>
public sealed record InternalEndpoint
{
    public required string Name { get; init; }

    public EndpointProtocol? Protocol { get; init; }

    /// <summary>The <c>port</c> attribute; null when absent, unreadable or <c>*</c>.</summary>
    public int? Port { get; init; }

    /// <summary>The <c>FixedPort port</c> child.</summary>
    public int? FixedPort { get; init; }

    /// <summary>The <c>FixedPortRange</c> child.</summary>
    public PortRange? FixedPortRange { get; init; }

    public required SourceLocation Location { get; init; }
}
