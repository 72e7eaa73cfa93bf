using System.Text;
using Newtonsoft.Json;

namespace BackgroundRoles.Jobs.Internal;

/// <summary>
/// The text of a job message. The payload is inline (<see cref="Payload"/>) or, when the message would be too
/// large, in a blob named by <see cref="PayloadBlob"/>. <see cref="Checkpoint"/> is rewritten by
/// <see cref="JobContext.SaveCheckpointAsync"/>.
/// </summary>
internal sealed record JobEnvelope
{
    public required string JobId { get; init; }

    public required string JobType { get; init; }

    public string? Payload { get; init; }

    public string? PayloadBlob { get; init; }

    public string? CorrelationId { get; init; }

    public string? ReplyTo { get; init; }

    /// <summary>Where the final status is POSTed (<see cref="SubmitOptions.CallbackUrl"/>), as the submit wrote it.</summary>
    public string? CallbackUrl { get; init; }

    public string? OrderingKey { get; init; }

    public long? Sequence { get; init; }

    public string? Checkpoint { get; init; }

    /// <summary>
    /// When the submit wrote the job's Queued record, so the processor can write the final record whole without
    /// reading it first; null in a message from before it was sent, or from a retried submit.
    /// </summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the job is due; null for a job due at once.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>
    /// The processor claims the job's status record (Running, ETag-guarded) before its handler starts, and drops the
    /// message of a job found Cancelled: set for jobs a caller may cancel (every job with a due time).
    /// </summary>
    public bool? Claim { get; init; }

    public string ToText() => JobJson.Serialize(this);

    public static int ByteCount(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>
    /// Parses a message text and checks what the processor relies on: a job id that can be a table key, a job type,
    /// and a payload inline or in a blob. Malformed text gives the reason it is no job instead of an exception.
    /// </summary>
    public static EnvelopeDecoding Decode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return EnvelopeDecoding.Unusable(PoisonReason.NotAJobMessage, "The message is empty.");
        }

        JobEnvelope? envelope;
        try
        {
            envelope = JobJson.Deserialize<JobEnvelope>(text);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return EnvelopeDecoding.Unusable(PoisonReason.NotAJobMessage, "The message is not a job message: " + exception.Message);
        }

        if (envelope is null)
        {
            return EnvelopeDecoding.Unusable(PoisonReason.NotAJobMessage, "The message is not a job message: its JSON is null.");
        }

        // Newtonsoft leaves a missing 'required' member null.
        var jobId = (string?)envelope.JobId;
        var jobType = (string?)envelope.JobType;
        var missing = string.IsNullOrEmpty(jobId) ? "jobId" : string.IsNullOrEmpty(jobType) ? "jobType" : envelope.Payload is null && envelope.PayloadBlob is null ? "payload or payloadBlob" : null;
        if (missing is not null)
        {
            return EnvelopeDecoding.Unusable(PoisonReason.NotAJobMessage, $"The message is not a job message: it has no {missing}.", jobId, jobType);
        }

        if (!StorageNames.IsValidKey(jobId!))
        {
            return EnvelopeDecoding.Unusable(PoisonReason.InvalidJobId, $"The job id '{StorageNames.Printable(jobId!)}' cannot be a table key: {StorageNames.KeyRule}", jobId, jobType);
        }

        return EnvelopeDecoding.Usable(envelope);
    }
}
