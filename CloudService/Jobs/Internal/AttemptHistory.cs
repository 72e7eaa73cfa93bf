namespace BackgroundRoles.Jobs.Internal;

/// <summary>
/// Adds a failed attempt to a status record's history, keeping the newest <see cref="JobDefaults.MaxRecordedAttempts"/>
/// with their errors cut, so a job retried many times cannot grow its record past what a table entity holds.
/// </summary>
internal static class AttemptHistory
{
    public static IReadOnlyList<JobAttempt> Add(IReadOnlyList<JobAttempt>? history, JobAttempt attempt)
    {
        var error = attempt.Error is { Length: > JobDefaults.MaxAttemptErrorChars } text
            ? string.Concat(text.AsSpan(0, JobDefaults.MaxAttemptErrorChars), "…")
            : attempt.Error;
        // A redelivery after a crash between the write and the release repeats the attempt's number: kept once.
        var earlier = (history ?? []).Where(a => a.Attempt != attempt.Attempt || a.Outcome != attempt.Outcome);
        return [.. earlier.Append(attempt with { Error = error }).TakeLast(JobDefaults.MaxRecordedAttempts)];
    }
}
