namespace BackgroundRoles.Hosting.Protocol;

/// <summary>What a role instance reports about itself over the control channel.</summary>
public enum InstanceStatus
{
    /// <summary>The host is up and connected; OnStart has not begun.</summary>
    Starting,

    /// <summary>OnStart is running, or the last StatusCheck said Busy: no traffic.</summary>
    Busy,

    /// <summary>OnStart returned true and the last StatusCheck did not say Busy: traffic.</summary>
    Ready,

    /// <summary>The Stopping event and OnStop are running.</summary>
    Stopping,

    /// <summary>
    /// Freeze=true when the instance started under the emulator: the host parks it before the role's OnStart and Run,
    /// until a stop, a recycle or Freeze=false (then OnStart runs). No traffic; stable for a swap.
    /// </summary>
    Frozen,
}
