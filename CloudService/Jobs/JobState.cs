namespace BackgroundRoles.Jobs;

/// <summary>
/// Where a job is. <see cref="Succeeded"/>, <see cref="Failed"/>, <see cref="Poisoned"/> and <see cref="Cancelled"/>
/// are final. New states are added at the end, so a stored number keeps its meaning.
/// </summary>
public enum JobState
{
    /// <summary>Submitted, or released after a failed attempt and waiting for the next one.</summary>
    Queued,

    /// <summary>A handler is working on it.</summary>
    Running,

    /// <summary>The handler finished and the message is deleted.</summary>
    Succeeded,

    /// <summary>Not run and never will be (a stale ordered message).</summary>
    Failed,

    /// <summary>Moved to the poison queue: too many failed attempts, a non-retryable error, or an unusable message.</summary>
    Poisoned,

    /// <summary>Submitted with a due time (<see cref="JobStatus.DueAt"/>) and waiting for it; no handler has started.</summary>
    Scheduled,

    /// <summary>Cancelled while Scheduled or Queued (<see cref="JobClient.CancelAsync"/>): its handler never runs.</summary>
    Cancelled,
}
