namespace BackgroundRoles.Jobs;

/// <summary>The answer to <see cref="JobClient.CancelAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Status">The job's status record after the attempt; null when there is no such job.</param>
/// <param name="Reason">Why a cancel was refused; null otherwise.</param>
public sealed record JobCancellation(JobCancellationOutcome Outcome, JobStatus? Status, string? Reason);
