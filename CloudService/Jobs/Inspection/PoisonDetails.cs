namespace BackgroundRoles.Jobs.Inspection;

/// <summary>Why a message of a poison queue is there.</summary>
/// <param name="SourceQueue">The queue it came from (where a requeue sends it).</param>
/// <param name="Reason">Why it was poisoned.</param>
/// <param name="Error">The error, as "type: message".</param>
/// <param name="Attempts">How many times it had been taken when it was poisoned.</param>
/// <param name="MovedAt">When it was poisoned.</param>
/// <param name="OriginalBlob">The blob holding the original text when it was too large for the record, or null.</param>
public sealed record PoisonDetails(string SourceQueue, PoisonReason Reason, string Error, int Attempts, DateTimeOffset MovedAt, string? OriginalBlob);
