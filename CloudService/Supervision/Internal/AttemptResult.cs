namespace BackgroundRoles.Supervision.Internal;

/// <summary>How one run of a task ended, as the <see cref="TaskRunner"/> classified it.</summary>
/// <param name="End">The kind of ending.</param>
/// <param name="Error">The failure, if any.</param>
/// <param name="RanHealthy">Whether the run lasted the policy's healthy period; ends the current backoff streak.</param>
/// <param name="Leaked">The run that ignored cancellation, when <paramref name="End"/> is <see cref="AttemptEnd.Leaked"/>.</param>
internal sealed record AttemptResult(AttemptEnd End, Exception? Error = null, bool RanHealthy = false, Task? Leaked = null)
{
    public static AttemptResult Cancelled { get; } = new(AttemptEnd.Cancelled);
}

internal enum AttemptEnd
{
    /// <summary>Finished after the supervisor cancelled it (stop, freeze, escalation).</summary>
    Cancelled,

    /// <summary>Failed; to be restarted.</summary>
    Failed,

    /// <summary>Ignored cancellation for longer than the grace.</summary>
    Leaked,

    /// <summary>Failed once too often within the restart window.</summary>
    RestartLimitExceeded,

    /// <summary>Threw an exception that means shared state is corrupt.</summary>
    CorruptState,

    /// <summary>Threw an exception for which its decider chose to escalate (not corrupt state).</summary>
    Escalate,

    /// <summary>Threw an exception for which its decider chose to stop it: the role is degraded.</summary>
    Degraded,

    /// <summary>Threw an exception after which the process cannot be trusted.</summary>
    Fatal,
}
