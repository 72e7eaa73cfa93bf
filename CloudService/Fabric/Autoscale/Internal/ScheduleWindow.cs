using BackgroundRoles.ServiceModel;
using Cronos;

namespace BackgroundRoles.Fabric.Autoscale.Internal;

/// <summary>Whether a schedule's window is open at a moment.</summary>
internal static class ScheduleWindow
{
    /// <summary>
    /// Open when the schedule's next end comes before its next start: inside a window the next event is its end. A
    /// schedule whose expression or time zone cannot be used (the rule reader checks the shape only) is never open.
    /// </summary>
    public static bool IsOpen(AutoscaleSchedule schedule, DateTimeOffset now)
    {
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
            var nextStart = CronExpression.Parse(schedule.Start).GetNextOccurrence(now, zone);
            var nextEnd = CronExpression.Parse(schedule.End).GetNextOccurrence(now, zone);
            return nextEnd is { } end && (nextStart is not { } start || end < start);
        }
        catch (Exception e) when (e is CronFormatException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
