namespace BackgroundRoles.Jobs.Internal;

/// <summary>The last processed sequence of one ordering key in one queue, and the job that had it.</summary>
internal sealed record OrderingRecord(long LastSequence, string LastJobId, DateTimeOffset UpdatedAt);
