namespace BackgroundRoles.Jobs;

/// <summary>Where a job is. <see cref="Succeeded"/>, <see cref="Failed"/> and <see cref="Poisoned"/> are final.</summary>
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
}
