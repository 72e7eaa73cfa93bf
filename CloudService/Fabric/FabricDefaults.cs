namespace BackgroundRoles.Fabric;

/// <summary>Every default of the local fabric, in one place.</summary>
public static class FabricDefaults
{
    /// <summary>
    /// Where the fabric picks the ports it hands out itself (the lowest and highest): below the range the system takes
    /// for outgoing connections and for a bind to port 0 (32768 and up on Linux), so no connection or other listener
    /// takes a port between its allocation and the instance binding it; below 20000, where tests pick theirs.
    /// </summary>
    public static readonly (int First, int Last) AllocatedPorts = (10_000, 19_999);

    /// <summary>The first restart of a failing instance waits this long; each quick failure doubles it. Default: 1 s.</summary>
    public static readonly TimeSpan InitialRestartDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between restarts of an instance in a crash loop. Default: 1 minute.</summary>
    public static readonly TimeSpan MaxRestartDelay = TimeSpan.FromMinutes(1);

    /// <summary>An instance that ran this long before it exited starts its backoff again from the beginning. Default: 1 minute.</summary>
    public static readonly TimeSpan HealthyRun = TimeSpan.FromMinutes(1);

    /// <summary>Each restart delay is lengthened by up to this fraction, so instances do not restart in lockstep. Default: 0.1.</summary>
    public const double RestartJitter = 0.1;

    /// <summary>How long after an instance's stop budget the fabric waits before it ends the process. Default: 10 s.</summary>
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    /// <summary>How long a startup task gets between SIGTERM and SIGKILL when the instance stops. Default: 10 s.</summary>
    public static readonly TimeSpan StartupTaskStopGrace = TimeSpan.FromSeconds(10);

    /// <summary>How long <c>status</c> waits for a role's storage when it reads the scheduled jobs and singletons. Default: 5 s.</summary>
    public static readonly TimeSpan CoordinationStatusTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How often <c>run</c> reads the queues of the autoscale rules and decides. Default: 5 s.</summary>
    public static readonly TimeSpan AutoscaleInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long an autoscale round waits for a role's storage before it skips the round. Default: 5 s.</summary>
    public static readonly TimeSpan AutoscaleReadTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a connecting instance has to say hello on the control channel. Default: 5 s.</summary>
    public static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many connections may be saying hello at once; more are closed at once, so that unauthenticated peers hold
    /// at most this many hello buffers (<see cref="Hosting.Protocol.ChannelCodec.MaxHelloLength"/> each). Default: 64.
    /// </summary>
    public const int MaxPendingHandshakes = 64;

    /// <summary>How long an instance has to answer a change, new settings or a new topology (its Changing and Changed handlers). Default: 1 minute.</summary>
    public static readonly TimeSpan ChangeTimeout = TimeSpan.FromMinutes(1);

    /// <summary>How long <c>run</c> waits before it starts a storage emulator that exited again; each quick exit doubles it. Default: 1 s.</summary>
    public static readonly TimeSpan StorageRestartDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between restarts of the storage emulator. Default: 30 s.</summary>
    public static readonly TimeSpan MaxStorageRestartDelay = TimeSpan.FromSeconds(30);

    /// <summary>An instance restarted less than this long ago is not stable: a swap is refused until it has run this long. Default: 5 s.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(5);

    /// <summary>How long <c>deploy</c> waits for every new instance to be stable (or to have exited once) before it answers. Default: 90 s.</summary>
    public static readonly TimeSpan DeploySettleLimit = TimeSpan.FromSeconds(90);

    /// <summary>How long each instance has to get Ready on the new package in an in-place upgrade (and again on the old one in its rollback). Default: 2 minutes.</summary>
    public static readonly TimeSpan UpgradeInstanceTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long an instance an upgrade took out of the balancer's rotation keeps running before it is stopped, so the
    /// requests already forwarded to it finish there. Default: 1 s.
    /// </summary>
    public static readonly TimeSpan UpgradeDrainTime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the control API, when it closes, waits for the answers already being written (the answer to
    /// <c>POST /stop</c> among them) before it closes their connections: 5 seconds.
    /// </summary>
    public static readonly TimeSpan ControlCloseGrace = TimeSpan.FromSeconds(5);

    /// <summary>How many of a failed startup task's last standard error lines are shown. Default: 10.</summary>
    public const int StartupTaskErrorLines = 10;
}
