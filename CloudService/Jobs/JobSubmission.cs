namespace BackgroundRoles.Jobs;

/// <summary>The answer to a submit: the job's id, and whether an earlier submit with the same idempotency key made it.</summary>
public sealed record JobSubmission(string JobId, bool AlreadySubmitted);
