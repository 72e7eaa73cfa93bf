namespace BackgroundRoles.Jobs;

/// <summary>The message sent to <see cref="SubmitOptions.ReplyTo"/> when a job reaches a final state.</summary>
public sealed record JobReply(string JobId, string JobType, string? CorrelationId, JobState State, string? ResultReference, string? Error, DateTimeOffset CompletedAt);
