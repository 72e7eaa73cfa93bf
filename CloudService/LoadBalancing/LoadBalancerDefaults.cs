namespace BackgroundRoles.LoadBalancing;

/// <summary>Every default of the emulator's load balancers, in one place.</summary>
public static class LoadBalancerDefaults
{
    /// <summary>How long the balancer waits for a backend to accept a connection before it tries the next. Default: 5 s.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the TCP balancer waits after a failed accept (out of file handles, say) before the next. Default: 100 ms.</summary>
    public static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a TCP connection may carry no byte either way before the balancer closes it, as the platform's load
    /// balancer does (its default; a csdef input endpoint may set 4 to 30 minutes with idleTimeoutInMinutes). Default: 4 minutes.
    /// </summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(4);

    /// <summary>The size of each pooled buffer a TCP connection relays through, one per direction. Default: 16 KiB.</summary>
    public const int RelayBufferSize = 16 * 1024;
}
