namespace BackgroundRoles.Jobs.Internal;

/// <summary>
/// What a message text turned out to be: a usable <see cref="Envelope"/>, or the <see cref="Reason"/> it never can
/// be one, with what could be read of it (<see cref="JobId"/>, <see cref="JobType"/>) for the poison record.
/// </summary>
internal sealed record EnvelopeDecoding(JobEnvelope? Envelope, PoisonReason? Reason, string? Error, string? JobId, string? JobType)
{
    public static EnvelopeDecoding Usable(JobEnvelope envelope) => new(envelope, null, null, envelope.JobId, envelope.JobType);

    public static EnvelopeDecoding Unusable(PoisonReason reason, string error, string? jobId = null, string? jobType = null) =>
        new(null, reason, error, jobId, jobType);
}
