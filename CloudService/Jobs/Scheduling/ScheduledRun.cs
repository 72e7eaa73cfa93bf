namespace BackgroundRoles.Jobs.Scheduling;

/// <summary>One run of a scheduled job, as the job sees it.</summary>
/// <param name="JobName">The scheduled job's name.</param>
/// <param name="Tick">The occurrence it runs for (UTC); for a <see cref="ScheduledRunKind.Startup"/> run, the start time.</param>
/// <param name="Kind">Why it runs.</param>
/// <param name="InstanceId">The instance running it.</param>
/// <param name="StartedAt">When the run started.</param>
public sealed record ScheduledRun(string JobName, DateTimeOffset Tick, ScheduledRunKind Kind, string InstanceId, DateTimeOffset StartedAt);
