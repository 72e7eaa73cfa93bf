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

    public string? OrderingKey { get; init; }

    public long? Sequence { get; init; }

    public string? Checkpoint { get; init; }

    public string ToText() => JobJson.Serialize(this);

    public static int ByteCount(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>Parses a message text; null when it is not a job envelope.</summary>
    public static JobEnvelope? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var envelope = JobJson.Deserialize<JobEnvelope>(text);
            return envelope is { JobId.Length: > 0, JobType.Length: > 0 } && (envelope.Payload is not null || envelope.PayloadBlob is not null)
                ? envelope
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
