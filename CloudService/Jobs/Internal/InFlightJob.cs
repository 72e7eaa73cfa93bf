namespace BackgroundRoles.Jobs.Internal;

/// <summary>A message being processed: its lease, and the token its handler runs under.</summary>
internal sealed class InFlightJob : IDisposable
{
    private readonly CancellationTokenSource _token;

    public InFlightJob(MessageLease lease, CancellationToken processingToken)
    {
        Lease = lease;
        _token = CancellationTokenSource.CreateLinkedTokenSource(processingToken, lease.LostToken);
    }

    public MessageLease Lease { get; }

    /// <summary>Cancelled when the drain timeout passed or another worker took the message.</summary>
    public CancellationToken Token => _token.Token;

    public Task Completion { get; set; } = Task.CompletedTask;

    /// <summary>The job message once decoded and found usable; null before, or when it is not.</summary>
    public JobEnvelope? Envelope { get; set; }

    /// <summary>The job's status record as the processor last read or wrote it, so the next change needs no read.</summary>
    public Document<JobStatus>? Status { get; set; }

    public void Dispose()
    {
        _token.Dispose();
        Lease.Dispose();
    }
}
