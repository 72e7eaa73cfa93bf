using BackgroundRoles.Jobs.Leases.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Scheduling.Internal;

/// <summary>Log messages of scheduled jobs.</summary>
internal static partial class ScheduleLog
{
    [LoggerMessage(EventId = CoordinationEventIds.ScheduleStarting, Level = LogLevel.Information, Message = "Scheduled job {Job} on {Schedule}: next due {NextDue:O}.")]
    public static partial void Starting(ILogger logger, string job, string schedule, DateTimeOffset? nextDue);

    [LoggerMessage(EventId = CoordinationEventIds.TickRun, Level = LogLevel.Information, Message = "Scheduled job {Job} ran for {Tick:O} ({Kind}) on {Instance} in {Duration}.")]
    public static partial void Ran(ILogger logger, string job, DateTimeOffset tick, ScheduledRunKind kind, string instance, TimeSpan duration);

    [LoggerMessage(EventId = CoordinationEventIds.TickFailed, Level = LogLevel.Error, Message = "Scheduled job {Job} failed for {Tick:O} on {Instance} ({Outcome}); its task fails and restarts by its policy.")]
    public static partial void Failed(ILogger logger, string job, DateTimeOffset tick, string instance, ScheduleOutcome outcome, Exception exception);

    [LoggerMessage(EventId = CoordinationEventIds.TickSkippedOverlap, Level = LogLevel.Information, Message = "Scheduled job {Job}: tick {Tick:O} skipped, the previous run is still going on {Instance}.")]
    public static partial void SkippedOverlap(ILogger logger, string job, DateTimeOffset tick, string instance);

    [LoggerMessage(EventId = CoordinationEventIds.TickSkippedWhileRunning, Level = LogLevel.Information, Message = "Scheduled job {Job}: {Count} tick(s) from {First:O} skipped, this instance's run was still going.")]
    public static partial void SkippedWhileRunning(ILogger logger, string job, int count, DateTimeOffset first);

    [LoggerMessage(EventId = CoordinationEventIds.TickRanElsewhere, Level = LogLevel.Debug, Message = "Scheduled job {Job}: tick {Tick:O} is run by another instance.")]
    public static partial void RanElsewhere(ILogger logger, string job, DateTimeOffset tick);

    [LoggerMessage(EventId = CoordinationEventIds.MissedTicksRun, Level = LogLevel.Information, Message = "Scheduled job {Job}: {Count} tick(s) from {First:O} were missed while no instance ran it; running once now.")]
    public static partial void MissedRun(ILogger logger, string job, int count, DateTimeOffset first);

    [LoggerMessage(EventId = CoordinationEventIds.MissedTicksSkipped, Level = LogLevel.Information, Message = "Scheduled job {Job}: {Count} tick(s) from {First:O} were missed while no instance ran it; skipped by its policy.")]
    public static partial void MissedSkipped(ILogger logger, string job, int count, DateTimeOffset first);

    [LoggerMessage(EventId = CoordinationEventIds.ScheduleChanged, Level = LogLevel.Information, Message = "Scheduled job {Job}: schedule changed from {Old} to {New}; next due {NextDue:O}.")]
    public static partial void Changed(ILogger logger, string job, string old, string @new, DateTimeOffset? nextDue);

    [LoggerMessage(EventId = CoordinationEventIds.ScheduleInvalid, Level = LogLevel.Error, Message = "Scheduled job {Job}: the new schedule from {Source} is not used. {Error} It keeps {Current}.")]
    public static partial void Invalid(ILogger logger, string job, string source, string error, string current);

    [LoggerMessage(EventId = CoordinationEventIds.NoNextOccurrence, Level = LogLevel.Warning, Message = "Scheduled job {Job}: {Schedule} has no further occurrence; waiting for a schedule change.")]
    public static partial void NoNextOccurrence(ILogger logger, string job, string schedule);

    [LoggerMessage(EventId = CoordinationEventIds.TickNotClaimed, Level = LogLevel.Warning, Message = "Scheduled job {Job}: tick {Tick:O} not run, storage failed while claiming it ({Reason}).")]
    public static partial void NotClaimed(ILogger logger, string job, DateTimeOffset tick, string reason);

    [LoggerMessage(EventId = CoordinationEventIds.RecordNotRead, Level = LogLevel.Warning, Message = "Scheduled job {Job}: its record could not be read at start ({Reason}); missed ticks are not looked for this time.")]
    public static partial void RecordNotRead(ILogger logger, string job, string reason);

    [LoggerMessage(EventId = CoordinationEventIds.RecordNotWritten, Level = LogLevel.Warning, Message = "Scheduled job {Job}: its record was not updated ({Reason}).")]
    public static partial void RecordNotWritten(ILogger logger, string job, string reason);

    [LoggerMessage(EventId = CoordinationEventIds.DueJobsMoved, Level = LogLevel.Information, Message = "Due jobs: {Count} sent to their queues, each hidden until its due time.")]
    public static partial void DueJobsMoved(ILogger logger, int count);

    [LoggerMessage(EventId = CoordinationEventIds.DueJobDropped, Level = LogLevel.Information, Message = "Due job {JobId} for {Queue} is {State}: its waiting row was deleted without sending it.")]
    public static partial void DueJobDropped(ILogger logger, string jobId, string queue, JobState state);
}
