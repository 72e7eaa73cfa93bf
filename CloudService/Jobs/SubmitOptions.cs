namespace BackgroundRoles.Jobs;

/// <summary>Optional parts of a job submission.</summary>
public sealed record SubmitOptions
{
    /// <summary>
    /// A caller's key for this request: a second submit with the same key to the same queue returns the first
    /// job's id with <see cref="JobSubmission.AlreadySubmitted"/> set and enqueues nothing.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Carried to <see cref="JobContext.CorrelationId"/> and into the reply message.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>A queue that gets a <see cref="JobReply"/> when the job reaches a final state.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Jobs with the same ordering key run in <see cref="Sequence"/> order (see <see cref="QueueProcessor"/>).</summary>
    public string? OrderingKey { get; init; }

    /// <summary>The job's place within its <see cref="OrderingKey"/>: 1, 2, 3, ... with no gaps.</summary>
    public long? Sequence { get; init; }
}
