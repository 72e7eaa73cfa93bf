namespace BackgroundRoles.Supervision;

/// <summary>A snapshot of one supervised task's health.</summary>
/// <param name="Name">The task's name.</param>
/// <param name="State">Where the task is.</param>
/// <param name="Restarts">Restarts since the supervisor was created.</param>
/// <param name="RecentRestarts">Restarts within the policy's <see cref="RestartPolicy.RestartWindow"/>.</param>
/// <param name="LastError">The last failure as "exception type: message", or null if it never failed.</param>
/// <param name="LastErrorAt">When the last failure happened.</param>
/// <param name="LastHeartbeat">The last heartbeat of the current run, or null if none yet.</param>
/// <param name="StartedAt">When the current (or last) run started.</param>
/// <param name="NextRestartAt">When the task restarts, while it is <see cref="TaskState.BackingOff"/>.</param>
/// <param name="Required">Whether the supervisor is unhealthy while this task is not running.</param>
public sealed record TaskHealth(
    string Name,
    TaskState State,
    int Restarts,
    int RecentRestarts,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastHeartbeat,
    DateTimeOffset? StartedAt,
    DateTimeOffset? NextRestartAt,
    bool Required)
{
    /// <summary>
    /// The last failure as .NET prints it (type, message, stack trace, inner exceptions), cut to
    /// <see cref="SupervisorDefaults.MaxErrorStackChars"/> characters; null if it never failed.
    /// </summary>
    public string? LastErrorStack { get; init; }
}
