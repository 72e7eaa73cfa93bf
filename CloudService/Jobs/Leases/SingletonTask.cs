using BackgroundRoles.Jobs.Leases.Internal;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Leases;

/// <summary>
/// A long-running task that runs on one instance at a time: the instance holding the task's lease runs it, the others
/// wait and try the lease again with backoff. When the holder stops (its lease released), crashes or loses storage
/// (its lease expires), a waiting instance takes over within the lease time (plus at most
/// <see cref="JobDefaults.MaxLeaseRetryDelay"/>). A holder whose renewal fails has its task cancelled and waits again.
/// </summary>
public sealed class SingletonTask : IBackgroundTask
{
    private readonly IBackgroundTask _task;
    private readonly LeaseManager _leases;
    private readonly TimeSpan _leaseTime;
    private readonly ILogger _logger;
    private volatile bool _isHolder;

    /// <summary>Makes <paramref name="task"/> a singleton across the instances sharing <paramref name="leases"/>' storage.</summary>
    /// <param name="task">The task; its name names the lease (1 to 100 letters, digits, '.', '_' or '-').</param>
    /// <param name="leases">This instance's leases.</param>
    /// <param name="leaseTime">From 15 to 60 seconds; default <see cref="JobDefaults.LeaseTime"/>.</param>
    /// <exception cref="ArgumentException">The task's name cannot name a lease, or the lease time is out of range.</exception>
    public SingletonTask(IBackgroundTask task, LeaseManager leases, TimeSpan? leaseTime = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(leases);
        LeaseNames.Validate(task.Name, "singleton task", nameof(task));
        _leaseTime = leaseTime ?? JobDefaults.LeaseTime;
        LeaseManager.ValidateLeaseTime(_leaseTime, nameof(leaseTime));
        _task = task;
        _leases = leases;
        _logger = leases.LoggerFactory.CreateLogger<SingletonTask>();
    }

    /// <inheritdoc/>
    public string Name => _task.Name;

    /// <summary>Whether this instance holds the lease and runs the task now.</summary>
    public bool IsHolder => _isHolder;

    /// <inheritdoc/>
    public async Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        while (true)
        {
            BlobLease? lease = null;
            try
            {
                lease = await _leases.TryAcquireAsync(LeaseNames.SingletonPrefix + Name, _leaseTime, cancellationToken).ConfigureAwait(false);
            }
            catch (JobStorageException)
            {
                // Storage is out: wait below like any instance that does not hold the lease (the wait logs it).
            }

            if (lease is null)
            {
                LeaseLog.SingletonWaiting(_logger, Name);
                lease = await _leases.AcquireAsync(LeaseNames.SingletonPrefix + Name, _leaseTime, context.Heartbeat, cancellationToken).ConfigureAwait(false);
            }

            await using (lease.ConfigureAwait(false))
            {
                using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.LostToken);
                LeaseLog.SingletonRunning(_logger, Name, _leases.InstanceId);
                _isHolder = true;
                try
                {
                    await _task.RunAsync(context, run.Token).ConfigureAwait(false);
                }
                catch (Exception) when (lease.IsLost && !cancellationToken.IsCancellationRequested)
                {
                    // Whatever the task threw as it was cancelled, the cause is the lost lease: wait to hold it again.
                }
                finally
                {
                    _isHolder = false;
                }

                if (!lease.IsLost || cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                LeaseLog.SingletonLostLease(_logger, Name, _leases.InstanceId);
            }
        }
    }
}
