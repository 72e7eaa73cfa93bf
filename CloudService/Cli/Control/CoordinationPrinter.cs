using System.Globalization;
using BackgroundRoles.Fabric.Control;

namespace BackgroundRoles.Cli.Control;

/// <summary>Prints a role's scheduled jobs, singleton tasks and blob triggers as tables (times in UTC).</summary>
internal static class CoordinationPrinter
{
    public static void Print(RoleCoordination? coordination, TextWriter output)
    {
        if (coordination is null)
        {
            return;
        }

        if (coordination.Error is { } error)
        {
            output.WriteLine($"  schedules, singletons and triggers: {error}");
            return;
        }

        if (coordination.Schedules.Count > 0)
        {
            output.WriteLine($"  {"SCHEDULE",-20} {"EXPRESSION",-20} {"NEXT DUE (UTC)",-19} {"RUNS",6}  LAST RUN");
            foreach (var schedule in coordination.Schedules)
            {
                var expression = schedule.TimeZone == "UTC" ? schedule.Expression : $"{schedule.Expression} ({schedule.TimeZone})";
                output.WriteLine($"  {schedule.Name,-20} {expression,-20} {Time(schedule.NextDue),-19} {schedule.TotalRuns,6}  {LastRun(schedule)}");
            }
        }

        if (coordination.Singletons.Count > 0)
        {
            output.WriteLine($"  {"SINGLETON",-20} {"HOLDER",-24} SINCE (UTC)");
            foreach (var singleton in coordination.Singletons)
            {
                output.WriteLine($"  {singleton.Name,-20} {(singleton.IsHeld ? singleton.Holder ?? "(unknown)" : "(none)"),-24} {Time(singleton.HeldSince)}");
            }
        }

        if (coordination.TriggersError is { } triggersError)
        {
            output.WriteLine($"  blob triggers: {triggersError}");
        }

        TriggerPrinter.Print(coordination.Triggers, output);
    }

    private static string LastRun(ScheduleSnapshot schedule)
    {
        if (schedule.LastRunStart is not { } start)
        {
            return "never";
        }

        var took = schedule.LastRunEnd is { } end ? string.Create(CultureInfo.InvariantCulture, $" in {(end - start).TotalSeconds:0.0} s") : string.Empty;
        return $"{schedule.LastOutcome} on {schedule.LastInstance ?? "?"} at {Time(start)}{took}";
    }

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";
}
