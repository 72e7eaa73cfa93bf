namespace BackgroundRoles.LoadBalancing;

/// <summary>Every default of the emulator's load balancers, in one place.</summary>
public static class LoadBalancerDefaults
{
    /// <summary>How long the balancer waits for a backend to accept a connection before it tries the next. Default: 5 s.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the TCP balancer waits after a failed accept (out of file handles, say) before the next. Default: 100 ms.</summary>
    public static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The size of each pooled buffer a TCP connection relays through, one per direction. Default: 16 KiB.</summary>
    public const int RelayBufferSize = 16 * 1024;
}
