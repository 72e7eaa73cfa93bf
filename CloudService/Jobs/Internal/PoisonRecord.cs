namespace BackgroundRoles.Jobs.Internal;

/// <summary>
/// The text of a message in <c>&lt;queue&gt;-poison</c>: the original message text (decoded; as it was on the
/// wire when it could not be decoded; or, when that would make the message too large, the name of the blob in
/// <see cref="JobDefaults.PayloadContainer"/> that holds it), the job as far as it could be read, why it was
/// poisoned, the error and the attempts.
/// </summary>
internal sealed record PoisonRecord(
    string? Original,
    string? OriginalBlob,
    string? JobId,
    string? JobType,
    PoisonReason Reason,
    PoisonError Error,
    int Attempts,
    DateTimeOffset MovedAt,
    string Queue);
