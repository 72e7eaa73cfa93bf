namespace BackgroundRoles.Jobs.Internal;

/// <summary>
/// The text of a message in <c>&lt;queue&gt;-poison</c>: the original message text (or, when that would make the
/// message too large, the name of the blob in <see cref="JobDefaults.PayloadContainer"/> that holds it), the job,
/// the error and the attempts.
/// </summary>
internal sealed record PoisonRecord(
    string? Original,
    string? OriginalBlob,
    string? JobId,
    string? JobType,
    PoisonError Error,
    int Attempts,
    DateTimeOffset MovedAt,
    string Queue);
