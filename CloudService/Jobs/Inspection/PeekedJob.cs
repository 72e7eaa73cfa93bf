namespace BackgroundRoles.Jobs.Inspection;

/// <summary>The job envelope of a message: what the handler would get.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="JobType">The job's type.</param>
/// <param name="Payload">The inline payload (JSON text), or null when it is in a blob.</param>
/// <param name="PayloadBlob">The blob that holds the payload (claim check), or null.</param>
/// <param name="CorrelationId">The caller's correlation id, or null.</param>
/// <param name="OrderingKey">The ordering key, or null.</param>
/// <param name="Sequence">The place within the ordering key, or null.</param>
/// <param name="HasCheckpoint">True when the handler saved a checkpoint in the message.</param>
public sealed record PeekedJob(string? JobId, string? JobType, string? Payload, string? PayloadBlob, string? CorrelationId, string? OrderingKey, long? Sequence, bool HasCheckpoint)
{
    /// <summary>The checkpoint the handler saved in the message (its text as saved), or null.</summary>
    public string? Checkpoint { get; init; }
}
