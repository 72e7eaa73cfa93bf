using BackgroundRoles.Jobs.Inspection;

namespace BackgroundRoles.Fabric.Control;

/// <summary>
/// A role's scheduled jobs, singleton tasks and blob triggers as <c>status</c> shows them, read from the storage the
/// role's <c>StorageConnectionString</c> names: those whose names are tasks the role's instances report.
/// </summary>
/// <param name="Schedules">Each scheduled job: expression, next due, last run, total runs.</param>
/// <param name="Singletons">Each singleton task and the instance holding it.</param>
/// <param name="Error">Why the storage could not be read, when it could not; the lists are empty then.</param>
public sealed record RoleCoordination(IReadOnlyList<ScheduleSnapshot> Schedules, IReadOnlyList<SingletonSnapshot> Singletons, string? Error = null)
{
    /// <summary>Each blob trigger: container, pattern, cursor, receipts by state and the newest failed versions.</summary>
    public IReadOnlyList<BlobTriggerSummary> Triggers { get; init; } = [];

    /// <summary>Why the blob triggers could not be read while the rest could; <see cref="Triggers"/> is empty then.</summary>
    public string? TriggersError { get; init; }
}
