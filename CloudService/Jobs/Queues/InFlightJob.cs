using BackgroundRoles.Jobs.Pipeline;

namespace BackgroundRoles.Jobs.Queues;

/// <summary>A message being processed: its lease, the token its handler runs under, and what the pipeline learnt of it.</summary>
internal sealed class InFlightJob : IDisposable
{
    private readonly CancellationTokenSource _token;

    public InFlightJob(MessageLease lease, CancellationToken processingToken, TimeProvider timeProvider)
    {
        Lease = lease;
        _token = CancellationTokenSource.CreateLinkedTokenSource(processingToken, lease.LostToken);
        Message = new MessageContext(lease, _token.Token, timeProvider);
    }

    public MessageLease Lease { get; }

    /// <summary>Cancelled when the drain timeout passed or another worker took the message.</summary>
    public CancellationToken Token => _token.Token;

    /// <summary>The message as the pipeline sees it.</summary>
    public MessageContext Message { get; }

    public Task Completion { get; set; } = Task.CompletedTask;

    public void Dispose()
    {
        _token.Dispose();
        Lease.Dispose();
    }
}
