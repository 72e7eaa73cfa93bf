namespace BackgroundRoles.Fabric.Instances;

/// <summary>
/// Where a role instance of a local deployment is, as the portal showed it. Only <see cref="Ready"/> takes
/// traffic; <see cref="Busy"/>, <see cref="Ready"/> and <see cref="Frozen"/> are stable.
/// </summary>
public enum InstanceState
{
    /// <summary>Startup tasks, then the role process until OnStart begins.</summary>
    Starting,

    /// <summary>OnStart is running, or StatusCheck said Busy: no traffic.</summary>
    Busy,

    /// <summary>OnStart returned true and StatusCheck did not say Busy: traffic.</summary>
    Ready,

    /// <summary>Stopping and OnStop are running.</summary>
    Stopping,

    /// <summary>The process exited (or a startup task failed); waiting for foreground tasks and the restart delay.</summary>
    Recycling,

    /// <summary>Stopped for good: the deployment stopped or the role was scaled down.</summary>
    Stopped,

    /// <summary>Started with Freeze=true: the host parked it before the role's OnStart and Run. No traffic; stable.</summary>
    Frozen,
}
