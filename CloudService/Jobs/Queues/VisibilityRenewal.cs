using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Queues;

/// <summary>
/// Keeps a fetched message invisible while this worker holds it: every half visibility timeout, counted from the
/// fetch, another timeout, with the newest pop receipt (the lease keeps it). It covers the whole life of the message
/// here, not only the handler: status and ordering reads, payload download and the completion steps all count
/// against the visibility timeout too.
/// </summary>
internal sealed class VisibilityRenewal(TimeSpan visibilityTimeout, ILogger logger)
{
    /// <summary>Renews until the lease is finished (deleted, released, lost) or <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(MessageLease lease, TimeProvider timeProvider, CancellationToken stop)
    {
        var interval = visibilityTimeout / 2;
        var due = lease.FetchedAt + interval;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var wait = due - timeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, stop).ConfigureAwait(false);
                }

                due = timeProvider.GetUtcNow() + interval;
                try
                {
                    if (!await lease.RenewAsync(visibilityTimeout, stop).ConfigureAwait(false))
                    {
                        if (lease.IsLost)
                        {
                            ListenerLog.LeaseLost(logger, lease.MessageId, lease.QueueName);
                        }

                        return;
                    }
                }
                catch (JobStorageException exception)
                {
                    // Try again at the next interval; the message stays ours until its visibility runs out.
                    ListenerLog.RenewalFailed(logger, lease.MessageId, lease.QueueName, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The handler finished.
        }
    }
}
