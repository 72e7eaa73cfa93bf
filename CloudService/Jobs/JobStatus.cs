namespace BackgroundRoles.Jobs;

/// <summary>The status record of a job, kept in table storage by <see cref="JobStatusStore"/>.</summary>
/// <param name="JobId">The job's id, given by <see cref="JobClient.SubmitAsync"/>.</param>
/// <param name="JobType">The handler's <see cref="IJobHandler.JobType"/>.</param>
/// <param name="State">Where the job is.</param>
/// <param name="Progress">Percent done, 0 to 100, as reported by the handler.</param>
/// <param name="ResultReference">What the handler returned in <see cref="JobResult.ResultReference"/>.</param>
/// <param name="Error">The last error (type and message) of a failed, retried or poisoned attempt.</param>
/// <param name="CreatedAt">When the job was submitted.</param>
/// <param name="UpdatedAt">When this record last changed.</param>
/// <param name="StartedAt">When the latest attempt began.</param>
/// <param name="CompletedAt">When the job reached a final state.</param>
/// <param name="Attempts">How many times a handler began the job (the message's dequeue count at the last start).</param>
/// <param name="DueAt">When a job submitted with a due time is due (<see cref="SubmitOptions.RunAt"/>, <see cref="SubmitOptions.Delay"/>); null for one due at once.</param>
/// <param name="Cancellable">Whether <see cref="JobClient.CancelAsync"/> may cancel it while it waits.</param>
public sealed record JobStatus(
    string JobId,
    string JobType,
    JobState State,
    int Progress,
    string? ResultReference,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    int Attempts,
    DateTimeOffset? DueAt = null,
    bool Cancellable = false)
{
    /// <summary>
    /// The attempts that did not succeed, oldest first (the newest <see cref="JobDefaults.MaxRecordedAttempts"/>); null
    /// in a record written before they were kept. A requeue from the poison queue keeps them.
    /// </summary>
    public IReadOnlyList<JobAttempt>? FailedAttempts { get; init; }

    /// <summary>
    /// What became of the job's webhook callback (<see cref="SubmitOptions.CallbackUrl"/>) once it ended; null while
    /// none was asked for, while it is still being delivered, or when the sending worker stopped first.
    /// </summary>
    public Callbacks.CallbackState? Callback { get; init; }

    /// <summary>
    /// The queue the job was submitted to (<see cref="JobClient.SubmitAsync"/>), where its message waits, runs and is
    /// retried (and, once poisoned, that queue's poison queue); kept by every later write. Null in a record written
    /// before it was kept, and for a blob-triggered job, which has no queue.
    /// </summary>
    public string? Queue { get; init; }

    /// <summary>True for <see cref="JobState.Succeeded"/>, <see cref="JobState.Failed"/>, <see cref="JobState.Poisoned"/> and <see cref="JobState.Cancelled"/>.</summary>
    public bool IsFinal => State is JobState.Succeeded or JobState.Failed or JobState.Poisoned or JobState.Cancelled;
}
