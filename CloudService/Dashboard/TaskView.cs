namespace BackgroundRoles.Dashboard;

/// <summary>A supervised task of an instance.</summary>
/// <param name="Name">The task's name.</param>
/// <param name="State">Where the task is (the supervisor's task state).</param>
/// <param name="Restarts">Restarts since the role started.</param>
/// <param name="LastError">The last failure as "type: message", or null.</param>
/// <param name="LastErrorAt">When it failed last.</param>
/// <param name="StartedAt">When its current run started.</param>
/// <param name="LastErrorStack">The last failure with its stack trace (cut by the supervisor), or null.</param>
public sealed record TaskView(string Name, string State, int Restarts, string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset? StartedAt, string? LastErrorStack);
