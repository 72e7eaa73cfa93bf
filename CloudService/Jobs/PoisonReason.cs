namespace BackgroundRoles.Jobs;

/// <summary>
/// Why a message was moved to <c>&lt;queue&gt;-poison</c>: the <c>reason</c> of its poison record. The first five
/// mean the message can never succeed and go at once, on their first delivery.
/// </summary>
public enum PoisonReason
{
    /// <summary>The message text is not base64, or what it encodes is not UTF-8 text.</summary>
    Undecodable,

    /// <summary>The text is not a job message: not JSON, or without a job id, a job type or a payload.</summary>
    NotAJobMessage,

    /// <summary>The job id cannot be a table key (it holds '/', '\', '#', '?' or control characters, or is too long).</summary>
    InvalidJobId,

    /// <summary>No handler of this processor takes the job type.</summary>
    UnknownJobType,

    /// <summary>The claim-checked payload blob does not exist.</summary>
    MissingPayload,

    /// <summary>The handler threw <see cref="PoisonJobException"/>: no retry can fix it.</summary>
    Rejected,

    /// <summary>The attempt at <see cref="QueueProcessorOptions.MaxDequeueCount"/> failed, whatever failed (handler, storage, the processor).</summary>
    TooManyAttempts,

    /// <summary>An ordered message waited <see cref="QueueProcessorOptions.MaxDequeueCount"/> times for a predecessor that never came.</summary>
    OutOfOrder,
}
