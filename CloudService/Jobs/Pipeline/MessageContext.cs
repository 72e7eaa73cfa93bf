using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Queues;

namespace BackgroundRoles.Jobs.Pipeline;

/// <summary>
/// One fetched message on its way through the pipeline: what the listener fetched, what the steps have learnt of it
/// so far (the job once decoded, its payload once resolved, its status record once read), and its
/// <see cref="Outcome"/> once known.
/// </summary>
public sealed class MessageContext
{
    // Made on first use: most messages never need it, and the pipeline's cost per message should stay near zero.
    private Dictionary<string, object?>? _items;

    internal MessageContext(MessageLease lease, CancellationToken processingToken, TimeProvider timeProvider)
    {
        Lease = lease;
        ProcessingToken = processingToken;
        TimeProvider = timeProvider;
    }

    /// <summary>The queue the message came from.</summary>
    public string QueueName => Lease.QueueName;

    /// <summary>The storage message id.</summary>
    public string MessageId => Lease.MessageId;

    /// <summary>How many times the message has been fetched, this attempt included (1 on the first attempt).</summary>
    public int DequeueCount => Lease.DequeueCount;

    /// <summary>The message text as storage holds it (base64 of UTF-8 when a job client wrote it).</summary>
    public string WireText => Lease.WireText;

    /// <summary>The decoded message text; null when it is not base64 of UTF-8 text.</summary>
    public string? Text => Lease.Text;

    /// <summary>The job id, once decoded (also as far as it could be read from a message that is no usable job).</summary>
    public string? JobId => Envelope?.JobId ?? Unusable?.JobId;

    /// <summary>The job type, once decoded (also as far as it could be read from a message that is no usable job).</summary>
    public string? JobType => Envelope?.JobType ?? Unusable?.JobType;

    /// <summary>The submitter's correlation id, once decoded.</summary>
    public string? CorrelationId => Envelope?.CorrelationId;

    /// <summary>The queue the job's reply goes to, once decoded; null when it has none.</summary>
    public string? ReplyTo => Envelope?.ReplyTo;

    /// <summary>The job's payload (a claim-checked one downloaded), once resolved.</summary>
    public string? Payload { get; internal set; }

    /// <summary>The job's status record as the processor last read or wrote it; null before, or when status is not kept.</summary>
    public JobStatus? Status => StatusDocument?.Value;

    /// <summary>How this attempt ends; null while intake goes on. Setting it ends the intake steps.</summary>
    public MessageOutcome? Outcome { get; set; }

    /// <summary>The processor's clock for this run: the injected one, else the supervisor's.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>A place for a role's own steps to hand values to each other.</summary>
    public IDictionary<string, object?> Items => _items ??= new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>True once the message was deleted or released, or another worker took it.</summary>
    public bool IsFinished => Lease.IsFinished;

    internal MessageLease Lease { get; }

    /// <summary>Cancelled when the drain timeout passed or another worker took the message.</summary>
    internal CancellationToken ProcessingToken { get; }

    /// <summary>The job message once decoded and found usable; null before, or when it is not.</summary>
    internal JobEnvelope? Envelope { get; set; }

    /// <summary>What could be read of a message that is no usable job, for its poison record.</summary>
    internal EnvelopeDecoding? Unusable { get; set; }

    /// <summary>The handler of the job type, once found.</summary>
    internal IJobHandler? Handler { get; set; }

    /// <summary>The status record last read or written, so the next change needs no read.</summary>
    internal Document<JobStatus>? StatusDocument { get; set; }

    /// <summary>
    /// Called once when the outcome is known and completion begins: the listener gives the handler slot back then, so
    /// the completion's storage calls (the final record's batch, the delete) overlap with the next handlers.
    /// </summary>
    internal Action? HandlerDone { get; set; }

    /// <summary>When the handler of this attempt started; null before.</summary>
    internal DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the completion steps started: one time for the poison record and the status record.</summary>
    internal DateTimeOffset CompletedAt { get; set; }
}
