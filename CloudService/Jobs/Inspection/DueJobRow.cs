namespace BackgroundRoles.Jobs.Inspection;

/// <summary>A job waiting in <see cref="JobDefaults.DueJobsTable"/> until the due-jobs mover sends it to its queue.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Queue">The queue it was submitted to, where the mover sends it.</param>
/// <param name="DueAt">When it is due.</param>
public sealed record DueJobRow(string JobId, string Queue, DateTimeOffset DueAt);
