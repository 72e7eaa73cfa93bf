namespace BackgroundRoles.Jobs;

/// <summary>An attempt of a job that did not succeed, as its status record keeps it (<see cref="JobStatus.FailedAttempts"/>).</summary>
/// <param name="Attempt">The message's dequeue count in that attempt (1 for the first).</param>
/// <param name="StartedAt">When its handler began, or null when it did not get that far.</param>
/// <param name="EndedAt">When its outcome was known.</param>
/// <param name="Outcome">Where it left the job: <see cref="JobState.Queued"/> (retried), <see cref="JobState.Failed"/> or <see cref="JobState.Poisoned"/>.</param>
/// <param name="Error">Its error as "type: message", cut to <see cref="JobDefaults.MaxAttemptErrorChars"/> characters.</param>
public sealed record JobAttempt(int Attempt, DateTimeOffset? StartedAt, DateTimeOffset EndedAt, JobState Outcome, string? Error);
