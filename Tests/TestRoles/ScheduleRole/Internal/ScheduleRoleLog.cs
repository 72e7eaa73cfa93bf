using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Tests.ScheduleRole.Internal;

/// <summary>The role's log lines; tests read the ones about cancellation and duplicates.</summary>
internal static partial class ScheduleRoleLog
{
    [LoggerMessage(9301, LogLevel.Error, "Invalid configuration: {Error}")]
    public static partial void InvalidSetting(ILogger logger, string error);

    [LoggerMessage(9302, LogLevel.Information, "Tick {Job} {Tick:O} ({Kind}) started on {Instance}, {LatenessMs:F1} ms after its time.")]
    public static partial void RunStarted(ILogger logger, string job, DateTimeOffset tick, string kind, string instance, double latenessMs);

    [LoggerMessage(9303, LogLevel.Error, "Tick {Job} {Tick:O} DUPLICATE run on {Instance}: the tick already has a run.")]
    public static partial void Duplicate(ILogger logger, string job, DateTimeOffset tick, string instance);

    [LoggerMessage(9304, LogLevel.Warning, "Tick {Job} {Tick:O} run cancelled on {Instance} after {Elapsed}.")]
    public static partial void RunCancelled(ILogger logger, string job, DateTimeOffset tick, string instance, TimeSpan elapsed);

    [LoggerMessage(9305, LogLevel.Warning, "{Job}: record not written ({Reason}).")]
    public static partial void NotRecorded(ILogger logger, string job, string reason);

    [LoggerMessage(9306, LogLevel.Information, "Singleton {Task} held by {Instance} from {Start:O}.")]
    public static partial void HoldStarted(ILogger logger, string task, string instance, DateTimeOffset start);

    [LoggerMessage(9307, LogLevel.Warning, "Singleton {Task} run cancelled on {Instance} after {Held} ({Beats} heartbeats).")]
    public static partial void HoldEnded(ILogger logger, string task, string instance, TimeSpan held, long beats);

    [LoggerMessage(9308, LogLevel.Error, "Storage cannot be used: {Reason}")]
    public static partial void StorageUnavailable(ILogger logger, string reason);
}
