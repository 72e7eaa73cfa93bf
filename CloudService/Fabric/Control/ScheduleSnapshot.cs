using BackgroundRoles.Jobs.Scheduling;

namespace BackgroundRoles.Fabric.Control;

/// <summary>One scheduled job, from its schedule record shared by every instance.</summary>
/// <param name="Name">The job's name.</param>
/// <param name="Expression">The cron expression in use (as the last instance to write the record had it).</param>
/// <param name="TimeZone">The expression's time zone id.</param>
/// <param name="NextDue">The next occurrence (UTC).</param>
/// <param name="LastRunStart">When the last run started.</param>
/// <param name="LastRunEnd">When it ended; null while it runs.</param>
/// <param name="LastOutcome">How it ended.</param>
/// <param name="LastInstance">The instance that ran it.</param>
/// <param name="TotalRuns">Runs so far across instances.</param>
public sealed record ScheduleSnapshot(
    string Name,
    string Expression,
    string TimeZone,
    DateTimeOffset? NextDue,
    DateTimeOffset? LastRunStart,
    DateTimeOffset? LastRunEnd,
    ScheduleOutcome LastOutcome,
    string? LastInstance,
    long TotalRuns);
