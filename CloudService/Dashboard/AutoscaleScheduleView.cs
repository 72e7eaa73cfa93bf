namespace BackgroundRoles.Dashboard;

/// <summary>A schedule of an autoscale rule: from each <paramref name="Start"/> to the next <paramref name="End"/> (cron, in <paramref name="TimeZone"/>) the role keeps at least <paramref name="MinInstances"/>.</summary>
public sealed record AutoscaleScheduleView(string Name, string Start, string End, string TimeZone, int MinInstances);
