namespace BackgroundRoles.Jobs.Internal;

/// <summary>
/// What an idempotency key of a submit stands for: the job it made, whether its message was sent, and a SHA-256 of
/// the payload it was made for (null in records written before it was kept), so a reuse for another payload is seen.
/// </summary>
internal sealed record SubmissionRecord(string JobId, bool Enqueued, DateTimeOffset CreatedAt, string? PayloadHash = null);
