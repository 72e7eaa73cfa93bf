namespace BackgroundRoles.LoadBalancing.Internal;

/// <summary>The load balancer's log event ids: 6000-6099 (see docs/ARCHITECTURE.md, Logging).</summary>
internal static class LoadBalancerEventIds
{
    public const int NoBackend = 6000;
    public const int ConnectFailed = 6001;
    public const int NoBackendAccepted = 6002;
    public const int AcceptFailed = 6003;
    public const int ClosedIdle = 6004;
}
