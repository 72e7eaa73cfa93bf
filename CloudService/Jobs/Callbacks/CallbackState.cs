namespace BackgroundRoles.Jobs.Callbacks;

/// <summary>What became of a job's webhook callback, recorded in <see cref="JobStatus.Callback"/> once it ended.</summary>
/// <param name="Outcome">Delivered, given up, or refused without a request.</param>
/// <param name="Attempts">POSTs made, by every sender that worked on it (when refused: those made before the host left the allow-list, usually 0).</param>
/// <param name="CompletedAt">When the delivery ended.</param>
/// <param name="LastError">Why the last attempt failed (status code or error, cut at <see cref="JobDefaults.MaxCallbackErrorChars"/>); null when delivered.</param>
public sealed record CallbackState(CallbackOutcome Outcome, int Attempts, DateTimeOffset CompletedAt, string? LastError);
