using BackgroundRoles.Jobs.Inspection;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>A message of a job as its history shows it: where it is, how often it was taken, its checkpoint, and for a poison message why.</summary>
internal sealed record JobHistoryMessage(string Queue, string MessageId, int DequeueCount, DateTimeOffset? InsertedAt, string? Checkpoint, PoisonDetails? Poison)
{
    public static JobHistoryMessage From(FoundJobMessage found) => new(
        found.QueueName,
        found.Message.MessageId,
        found.Message.DequeueCount,
        found.Message.InsertedAt,
        StorageApi.Cut(found.Message.Job?.Checkpoint),
        found.Message.Poison);
}
