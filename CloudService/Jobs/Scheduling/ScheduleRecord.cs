namespace BackgroundRoles.Jobs.Scheduling;

/// <summary>
/// A scheduled job's record in <see cref="JobDefaults.ScheduleTable"/>, shared by every instance: which tick ran last
/// (so a tick already run elsewhere is not run again), how, and when the next is due.
/// </summary>
public sealed record ScheduleRecord
{
    /// <summary>The scheduled job's name.</summary>
    public required string Name { get; init; }

    /// <summary>The cron expression the last writer used.</summary>
    public required string Expression { get; init; }

    /// <summary>The time zone id of the expression.</summary>
    public required string TimeZone { get; init; }

    /// <summary>When the record was created: ticks before it were never due.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The next occurrence after the last run, as its writer computed it; null when there is none.</summary>
    public DateTimeOffset? NextDue { get; init; }

    /// <summary>The occurrence the last run was for (UTC).</summary>
    public DateTimeOffset? LastTick { get; init; }

    /// <summary>Why the last run ran.</summary>
    public ScheduledRunKind? LastKind { get; init; }

    /// <summary>When the last run started.</summary>
    public DateTimeOffset? LastRunStart { get; init; }

    /// <summary>When the last run ended; null while it runs.</summary>
    public DateTimeOffset? LastRunEnd { get; init; }

    /// <summary>How the last run ended.</summary>
    public ScheduleOutcome LastOutcome { get; init; }

    /// <summary>How long the last run took.</summary>
    public TimeSpan? LastDuration { get; init; }

    /// <summary>The instance that ran it.</summary>
    public string? LastInstance { get; init; }

    /// <summary>The last run's error, when it failed.</summary>
    public string? LastError { get; init; }

    /// <summary>Runs so far across instances (each counted when it starts).</summary>
    public long TotalRuns { get; init; }
}
