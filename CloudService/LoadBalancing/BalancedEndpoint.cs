namespace BackgroundRoles.LoadBalancing;

/// <summary>One public endpoint of the balancer: a role's input endpoint and where its traffic may go.</summary>
/// <param name="Name">The role and endpoint, e.g. <c>WebRole/HttpIn</c>, for messages.</param>
/// <param name="PublicPort">The loopback port the balancer listens on.</param>
/// <param name="Backends">The instances that may take traffic.</param>
public sealed record BalancedEndpoint(string Name, int PublicPort, IBackendSource Backends)
{
    /// <summary>For the TCP balancer: how long a connection may stay idle before it is closed. Default: <see cref="LoadBalancerDefaults.IdleTimeout"/>.</summary>
    public TimeSpan IdleTimeout { get; init; } = LoadBalancerDefaults.IdleTimeout;
}
