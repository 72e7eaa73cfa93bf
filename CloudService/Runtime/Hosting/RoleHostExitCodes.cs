namespace BackgroundRoles.Hosting;

/// <summary>
/// What a role process's exit code means to whoever started it (the CLI, the emulator, a process supervisor).
/// </summary>
public static class RoleHostExitCodes
{
    /// <summary>Stopped on request (a signal or the fabric); do not restart.</summary>
    public const int Stopped = 0;

    /// <summary>OnStart returned false.</summary>
    public const int OnStartFailed = 2;

    /// <summary>An unhandled exception in OnStart or Run; Stopping and OnStop did not run.</summary>
    public const int UnhandledException = 3;

    /// <summary>Stopping and OnStop did not finish within the stop budget; the process was ended.</summary>
    public const int StopBudgetExceeded = 4;

    /// <summary>Run returned, RequestRecycle was called or a Changing event was cancelled: restart me.</summary>
    public const int Recycle = 10;

    /// <summary>The host could not start the role: no descriptor, no RoleEntryPoint, bad configuration.</summary>
    public const int HostError = 70;
}
