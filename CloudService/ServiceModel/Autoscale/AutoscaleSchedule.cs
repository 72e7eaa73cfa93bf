namespace BackgroundRoles.ServiceModel;

/// <summary>
/// A time-of-day floor: from each occurrence of <paramref name="Start"/> to the next of <paramref name="End"/>, in
/// <paramref name="TimeZone"/>, the role keeps at least <paramref name="MinInstances"/> instances (the queues may ask
/// for more, never beyond the rule's maximum).
/// </summary>
/// <param name="Name">The schedule's name, unique in its rule.</param>
/// <param name="Start">A 5-field cron expression (minute hour day-of-month month day-of-week) that opens the window.</param>
/// <param name="End">A 5-field cron expression that closes it.</param>
/// <param name="TimeZone">An IANA time zone id such as <c>Europe/Paris</c>; <c>UTC</c> by default.</param>
/// <param name="MinInstances">The floor while the window is open.</param>
/// <param name="Location">Where the schedule's entry is in the rule file.</param>
public sealed record AutoscaleSchedule(string Name, string Start, string End, string TimeZone, int MinInstances, SourceLocation Location);
