namespace BackgroundRoles.Jobs.Internal;

/// <summary>A job waiting in <see cref="JobDefaults.DueJobsTable"/>: its queue, id, due time and the message to send then.</summary>
internal sealed record DueJobRecord(string Queue, string JobId, DateTimeOffset DueAt, string Message);
