using System.Globalization;
using BackgroundRoles.Jobs.Leases.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;

namespace BackgroundRoles.Jobs.Leases;

/// <summary>
/// Blob leases of one role instance (one per lease name, in <see cref="JobDefaults.LeaseContainer"/>): the pessimistic
/// lock behind singleton tasks and scheduled jobs. Every call goes through <see cref="JobStorage"/> (its retries and
/// error translation) and its <see cref="TimeProvider"/>.
/// </summary>
public sealed class LeaseManager
{
    private const string HolderKey = "holder";
    private const string AcquiredKey = "acquired";

    private readonly ILogger _logger;

    /// <summary>Leases for the instance <paramref name="instanceId"/> (its role instance id), recorded on each lease it holds.</summary>
    /// <exception cref="ArgumentException">The instance id is empty, longer than 256 characters or not printable ASCII.</exception>
    public LeaseManager(JobStorage storage, string instanceId, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        LeaseNames.ValidateInstanceId(instanceId, nameof(instanceId));
        Storage = storage;
        InstanceId = instanceId;
        LoggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LeaseManager>();
    }

    /// <summary>The instance the leases are held for.</summary>
    public string InstanceId { get; }

    /// <summary>The clock of renewals and waits: the storage's.</summary>
    public TimeProvider TimeProvider => Storage.TimeProvider;

    internal JobStorage Storage { get; }

    internal ILoggerFactory LoggerFactory { get; }

    /// <summary>
    /// Takes the lease <paramref name="name"/> if no other holder has it; null when another does. The lease is renewed
    /// until disposed or lost (<see cref="BlobLease.LostToken"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The name breaks the naming rule.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lease time is not within 15 to 60 seconds.</exception>
    /// <exception cref="JobStorageException">Storage failed after its retries.</exception>
    public async Task<BlobLease?> TryAcquireAsync(string name, TimeSpan leaseTime, CancellationToken ct)
    {
        LeaseNames.Validate(name, "lease", nameof(name));
        ValidateLeaseTime(leaseTime, nameof(leaseTime));
        for (var attempt = 1; ; attempt++)
        {
            await Storage.EnsureContainerAsync(JobDefaults.LeaseContainer, ct).ConfigureAwait(false);
            var blob = Storage.BlobClient.GetContainerReference(JobDefaults.LeaseContainer).GetBlockBlobReference(name);
            var leaseId = Guid.NewGuid().ToString();
            var sentAt = TimeProvider.GetUtcNow();
            try
            {
                await Storage.Resilience.ExecuteAsync("acquire lease " + name, token =>
                    blob.AcquireLeaseAsync(leaseTime, leaseId, null, null, null, token), ct).ConfigureAwait(false);
            }
            catch (JobStorageException exception) when (exception.HttpStatusCode == 409)
            {
                return null;
            }
            catch (JobStorageException exception) when (exception.HttpStatusCode == 404 && attempt < 3)
            {
                // The first use of a name (or a container found gone, which the storage layer forgot and creates
                // again above): the blob is created empty, whoever else does so at the same time.
                await CreateBlobAsync(blob, ct).ConfigureAwait(false);
                continue;
            }

            // The holder is written beside the work, not before it: it is only shown by status (the lease holds
            // without it), and a scheduled tick would otherwise wait one more storage call before its job starts.
            LeaseLog.Acquired(_logger, name, InstanceId, leaseTime);
            return new BlobLease(Storage, blob, leaseId, InstanceId, leaseTime, sentAt, stop => RecordHolderAsync(blob, leaseId, sentAt, stop), _logger);
        }
    }

    /// <summary>
    /// Waits until the lease <paramref name="name"/> is this instance's: tries again with backoff (at most
    /// <see cref="JobDefaults.MaxLeaseRetryDelay"/> apart) while another instance holds it or storage fails, so it is
    /// taken soon after its holder releases it, or within the lease time after its holder stopped renewing.
    /// </summary>
    public Task<BlobLease> AcquireAsync(string name, TimeSpan leaseTime, CancellationToken ct) => AcquireAsync(name, leaseTime, onWaiting: null, ct);

    /// <summary>Every lease whose name starts with <paramref name="prefix"/>, with its holder, by name.</summary>
    public Task<IReadOnlyList<LeaseInfo>> ListAsync(string prefix, CancellationToken ct) => List(Storage, prefix, ct);

    internal static async Task<IReadOnlyList<LeaseInfo>> List(JobStorage storage, string prefix, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await storage.EnsureContainerAsync(JobDefaults.LeaseContainer, ct).ConfigureAwait(false);
        var container = storage.BlobClient.GetContainerReference(JobDefaults.LeaseContainer);
        var leases = new List<LeaseInfo>();
        BlobContinuationToken? continuation = null;
        do
        {
            var segment = await storage.Resilience.ExecuteAsync("list leases", token =>
                container.ListBlobsSegmentedAsync(prefix, true, BlobListingDetails.Metadata, null, continuation, null, null, token), ct).ConfigureAwait(false);
            foreach (var blob in segment.Results.OfType<CloudBlob>())
            {
                var held = blob.Properties.LeaseState == LeaseState.Leased;
                var holder = held && blob.Metadata.TryGetValue(HolderKey, out var h) ? h : null;
                DateTimeOffset? since = held && blob.Metadata.TryGetValue(AcquiredKey, out var a)
                    && DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : null;
                leases.Add(new LeaseInfo(blob.Name[prefix.Length..], held, holder, since));
            }

            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);
        return leases;
    }

    internal async Task<BlobLease> AcquireAsync(string name, TimeSpan leaseTime, Action? onWaiting, CancellationToken ct)
    {
        var delay = JobDefaults.LeaseRetryDelay;
        var failures = 0;
        while (true)
        {
            try
            {
                if (await TryAcquireAsync(name, leaseTime, ct).ConfigureAwait(false) is { } lease)
                {
                    return lease;
                }

                failures = 0;
            }
            catch (JobStorageException exception)
            {
                // Storage unreachable: this instance cannot hold the lease, so it goes on waiting (quietly after the first).
                if (failures++ == 0)
                {
                    LeaseLog.AcquireFailed(_logger, name, exception.Message);
                }
            }

            onWaiting?.Invoke();
            var jittered = delay * (0.8 + (0.4 * Random.Shared.NextDouble()));
            await Task.Delay(jittered, TimeProvider, ct).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, JobDefaults.MaxLeaseRetryDelay.Ticks));
        }
    }

    internal static void ValidateLeaseTime(TimeSpan leaseTime, string parameterName)
    {
        if (leaseTime < JobDefaults.MinLeaseTime || leaseTime > JobDefaults.MaxLeaseTime)
        {
            throw new ArgumentOutOfRangeException(parameterName, leaseTime, "A lease time must be from 15 to 60 seconds (what blob storage grants).");
        }
    }

    private async Task CreateBlobAsync(CloudBlockBlob blob, CancellationToken ct)
    {
        await Storage.EnsureContainerAsync(JobDefaults.LeaseContainer, ct).ConfigureAwait(false);
        try
        {
            await Storage.Resilience.ExecuteAsync("create lease blob " + blob.Name, token =>
                blob.UploadFromByteArrayAsync([], 0, 0, AccessCondition.GenerateIfNotExistsCondition(), null, null, token), ct).ConfigureAwait(false);
        }
        catch (JobStorageException exception) when (exception.HttpStatusCode is 409 or 412)
        {
            // Created (or leased) by another instance meanwhile.
        }
    }

    /// <summary>
    /// Writes the holder on the blob so status can show it; the lease holds whether or not this succeeds, so it never
    /// throws. Under a budget of its own and the lease's stop token rather than the caller's token: the lease awaits it
    /// before its release, and cancels it first.
    /// </summary>
    private async Task RecordHolderAsync(CloudBlockBlob blob, string leaseId, DateTimeOffset acquiredAt, CancellationToken stop)
    {
        blob.Metadata[HolderKey] = InstanceId;
        blob.Metadata[AcquiredKey] = acquiredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        using var budget = new CancellationTokenSource(JobDefaults.LeaseReleaseTimeout, TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, stop);
        try
        {
            await Storage.Resilience.ExecuteAsync("record lease holder " + blob.Name, token =>
                blob.SetMetadataAsync(AccessCondition.GenerateLeaseCondition(leaseId), null, null, token), linked.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is JobStorageException or OperationCanceledException)
        {
            LeaseLog.HolderNotRecorded(_logger, blob.Name, exception.Message);
        }
    }
}
