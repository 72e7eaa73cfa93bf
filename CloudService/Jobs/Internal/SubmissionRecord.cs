namespace BackgroundRoles.Jobs.Internal;

/// <summary>What an idempotency key of a submit stands for: the job it made, and whether its message was sent.</summary>
internal sealed record SubmissionRecord(string JobId, bool Enqueued, DateTimeOffset CreatedAt);
