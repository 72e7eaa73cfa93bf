using BackgroundRoles.Jobs.Leases;
using BackgroundRoles.Jobs.Leases.Internal;

namespace BackgroundRoles.Jobs.Scheduling;

/// <summary>A scheduled job's declaration: its name, cron expression, time zone and policies.</summary>
public sealed record ScheduleOptions
{
    /// <summary>The job's name: its task name, its schedule record's key and its lease's name (1 to 100 letters, digits, '.', '_' or '-').</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Reads the cron expression (5 fields, or 6 with seconds first; Cronos syntax). Read at start, after each run and
    /// on <see cref="ScheduledJob.Reschedule"/>, so it may return a role setting's current value.
    /// </summary>
    public required Func<string> Expression { get; init; }

    /// <summary>
    /// Where <see cref="Expression"/> reads from, as messages name it (e.g. <c>setting 'Schedules.Cleanup'</c>), so an
    /// invalid new expression is logged with its source. Default: none (the messages say "its expression").
    /// </summary>
    public string? ExpressionSource { get; init; }

    /// <summary>The time zone the expression is read in. Default: UTC.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>What to do at start with ticks missed while no instance ran. Default: <see cref="MissedTickPolicy.RunOnceOnStart"/>.</summary>
    public MissedTickPolicy MissedTicks { get; init; } = JobDefaults.MissedTicks;

    /// <summary>Whether the job also runs once whenever its task starts (on each instance that starts). Default: false.</summary>
    public bool RunOnStartup { get; init; } = JobDefaults.RunOnStartup;

    /// <summary>The lease time of a run's lease (15 to 60 seconds); renewed every third of it. Default: 30 seconds.</summary>
    public TimeSpan LeaseTime { get; init; } = JobDefaults.LeaseTime;

    /// <summary>Throws <see cref="ArgumentException"/> saying which value is wrong and why.</summary>
    internal CronSchedule Validate()
    {
        LeaseNames.Validate(Name, "scheduled job", nameof(Name));
        ArgumentNullException.ThrowIfNull(Expression, nameof(Expression));
        ArgumentNullException.ThrowIfNull(TimeZone, nameof(TimeZone));
        if (!Enum.IsDefined(MissedTicks))
        {
            throw new ArgumentOutOfRangeException(nameof(MissedTicks), MissedTicks, "Not a missed-tick policy.");
        }

        LeaseManager.ValidateLeaseTime(LeaseTime, nameof(LeaseTime));
        var from = ExpressionSource is null ? string.Empty : $" (from {ExpressionSource})";
        var expression = Expression() ?? throw new ArgumentException($"The scheduled job '{Name}' has no cron expression{from}.", nameof(Expression));
        return CronSchedule.TryParse(expression, TimeZone, out var schedule, out var error)
            ? schedule
            : throw new ArgumentException($"The scheduled job '{Name}'{from}: {error}", nameof(Expression));
    }
}
