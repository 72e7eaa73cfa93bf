namespace BackgroundRoles.Jobs.Inspection;

/// <summary>
/// A message looked at without taking it: the storage service's view (id, dequeue count, times) and its text read
/// as the processor reads it (base64, then UTF-8; the wire text as it is when that fails), with the job envelope or
/// the poison record it holds, when it holds one.
/// </summary>
/// <param name="MessageId">The storage service's message id.</param>
/// <param name="DequeueCount">How many times it was taken.</param>
/// <param name="InsertedAt">When it was added.</param>
/// <param name="ExpiresAt">When the service drops it.</param>
/// <param name="Text">The decoded text.</param>
/// <param name="Job">The job envelope the text holds (for a poison record, the original message's), or null.</param>
/// <param name="Poison">For a message of a poison queue, its record, or null.</param>
public sealed record PeekedMessage(
    string MessageId,
    int DequeueCount,
    DateTimeOffset? InsertedAt,
    DateTimeOffset? ExpiresAt,
    string Text,
    PeekedJob? Job,
    PoisonDetails? Poison);
