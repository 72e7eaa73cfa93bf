using BackgroundRoles.Jobs.Leases.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;

namespace BackgroundRoles.Jobs.Leases;

/// <summary>
/// A blob lease this instance holds, renewed every third of its lease time until it is released or lost. A renewal
/// that fails (storage unreachable until the lease would expire, the lease broken or taken) cancels
/// <see cref="LostToken"/>: the holder's work must stop, since another instance may hold the lease within the lease
/// time. Disposing releases it.
/// </summary>
public sealed class BlobLease : IAsyncDisposable
{
    private readonly JobStorage _storage;
    private readonly CloudBlockBlob _blob;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private readonly Task _holder;
    private int _released;

    internal BlobLease(JobStorage storage, CloudBlockBlob blob, string leaseId, string instanceId, TimeSpan leaseTime, DateTimeOffset sentAt, Func<CancellationToken, Task> recordHolder, ILogger logger)
    {
        _storage = storage;
        _blob = blob;
        _logger = logger;
        LeaseId = leaseId;
        InstanceId = instanceId;
        LeaseTime = leaseTime;
        AcquiredAt = sentAt;
        _renewal = RenewAsync(sentAt);

        // Under the stop token: a release cancels a holder write still retrying against unreachable storage rather
        // than waiting on it (its retries wait on the storage's clock, which need not move).
        _holder = recordHolder(_stop.Token);
    }

    /// <summary>The lease's name (its blob's name).</summary>
    public string Name => _blob.Name;

    /// <summary>The lease id storage knows this holder by.</summary>
    public string LeaseId { get; }

    /// <summary>The instance holding it.</summary>
    public string InstanceId { get; }

    /// <summary>How long the lease holds without a renewal.</summary>
    public TimeSpan LeaseTime { get; }

    /// <summary>When the acquiring call was sent (on the storage's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset AcquiredAt { get; }

    /// <summary>Cancelled when the lease is lost; not cancelled by a release.</summary>
    public CancellationToken LostToken => _lost.Token;

    /// <summary>True once a renewal failed.</summary>
    public bool IsLost => _lost.IsCancellationRequested;

    /// <summary>Stops renewing and releases the lease, so a waiting instance takes it at once; best effort (it expires anyway).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);

        // The holder write (started at the acquire, never throwing, cancelled above if still going) ends before the
        // release: after it, the write would only fail its lease condition and log a holder that was never shown.
        await _holder.ConfigureAwait(false);
        if (!IsLost)
        {
            using var timeout = new CancellationTokenSource(JobDefaults.LeaseReleaseTimeout, _storage.TimeProvider);
            try
            {
                await _storage.Resilience.ExecuteAsync("release lease " + Name, token =>
                    _blob.ReleaseLeaseAsync(AccessCondition.GenerateLeaseCondition(LeaseId), null, null, token), timeout.Token).ConfigureAwait(false);
                LeaseLog.Released(_logger, Name, InstanceId);
            }
            catch (Exception exception) when (exception is JobStorageException or OperationCanceledException)
            {
                LeaseLog.ReleaseFailed(_logger, Name, exception.Message);
            }
        }

        _lost.Dispose();
        _stop.Dispose();
    }

    private async Task RenewAsync(DateTimeOffset lastSent)
    {
        var timeProvider = _storage.TimeProvider;
        var interval = LeaseTime / 3;
        while (true)
        {
            try
            {
                await Task.Delay(interval, timeProvider, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // A renewal must succeed before the lease runs out, counted from when the last successful one was sent;
            // one that is still failing then is a lost lease, since another instance may hold it by now.
            var sentAt = timeProvider.GetUtcNow();
            var remaining = lastSent + LeaseTime - sentAt;
            string? reason = null;
            if (remaining <= TimeSpan.Zero)
            {
                reason = "the renewal came after the lease had expired";
            }
            else
            {
                using var budget = new CancellationTokenSource(remaining, timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, _stop.Token);
                try
                {
                    await _storage.Resilience.ExecuteAsync("renew lease " + Name, token =>
                        _blob.RenewLeaseAsync(AccessCondition.GenerateLeaseCondition(LeaseId), null, null, token), linked.Token).ConfigureAwait(false);
                    lastSent = sentAt;
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (OperationCanceledException)
                {
                    reason = "storage did not renew it before it expired";
                }
                catch (JobStorageException exception)
                {
                    reason = exception.Message;
                }
            }

            if (reason is not null)
            {
                LeaseLog.Lost(_logger, Name, InstanceId, reason);
                await _lost.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
    }
}
