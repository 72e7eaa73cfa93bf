namespace BackgroundRoles.Jobs.Pipeline;

/// <summary>How a message ends on this attempt; the completion steps act on it.</summary>
public enum MessageOutcomeKind
{
    /// <summary>The job succeeded: ordering record, status Succeeded, reply, delete.</summary>
    Succeeded,

    /// <summary>The job ended Failed (a business failure, or a stale ordered message): status Failed, reply, delete.</summary>
    Failed,

    /// <summary>The message can never succeed: poison queue, status Poisoned, reply, delete.</summary>
    Poisoned,

    /// <summary>Try again later: status Queued with the reason, then the message is visible again after the delay.</summary>
    Released,

    /// <summary>A repeated delivery of a job already final: the message is deleted, nothing else.</summary>
    Deleted,

    /// <summary>The message is no longer this worker's (released on stop, or taken by another worker): nothing is done.</summary>
    Abandoned,
}
