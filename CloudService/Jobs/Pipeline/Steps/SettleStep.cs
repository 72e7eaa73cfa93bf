namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>Last: the message is deleted (Succeeded, Failed, Poisoned, Deleted) or made visible again after its delay (Released).</summary>
internal sealed class SettleStep : IMessageStep
{
    public Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken) => message.Outcome?.Kind switch
    {
        MessageOutcomeKind.Succeeded or MessageOutcomeKind.Failed or MessageOutcomeKind.Poisoned or MessageOutcomeKind.Deleted => message.Lease.DeleteAsync(cancellationToken),
        MessageOutcomeKind.Released => message.Lease.ReleaseAsync(message.Outcome.Delay, cancellationToken),
        _ => Task.CompletedTask,
    };
}
