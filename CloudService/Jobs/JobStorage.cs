using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Queue.Protocol;
using Microsoft.WindowsAzure.Storage.RetryPolicies;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs;

/// <summary>
/// The storage account of the jobs library: one per process. Every storage call of the library goes through it,
/// so roles never see a storage SDK type, transient failures are retried in one place
/// (<see cref="JobDefaults.StorageRetryAttempts"/>), and failures surface as <see cref="JobStorageException"/>.
/// </summary>
public sealed class JobStorage
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _ensured = new(StringComparer.Ordinal);

    private JobStorage(CloudStorageAccount account, TimeProvider timeProvider)
    {
        TimeProvider = timeProvider;
        Resilience = new StorageResilience(timeProvider, ForgetEnsured);
        QueueClient = account.CreateCloudQueueClient();
        QueueClient.DefaultRequestOptions = new QueueRequestOptions { RetryPolicy = new NoRetry(), MaximumExecutionTime = JobDefaults.StorageOperationTimeout };
        BlobClient = account.CreateCloudBlobClient();
        BlobClient.DefaultRequestOptions = new BlobRequestOptions { RetryPolicy = new NoRetry(), MaximumExecutionTime = JobDefaults.StorageOperationTimeout };
        TableClient = account.CreateCloudTableClient();
        TableClient.DefaultRequestOptions = new TableRequestOptions { RetryPolicy = new NoRetry(), MaximumExecutionTime = JobDefaults.StorageOperationTimeout };
        Blobs = new BlobStore(this);
        Statuses = new JobStatusStore(this);
        Jobs = new JobClient(this);
    }

    /// <summary>Claim-checked payloads and other blobs.</summary>
    public BlobStore Blobs { get; }

    /// <summary>Job status records.</summary>
    public JobStatusStore Statuses { get; }

    /// <summary>Submits jobs.</summary>
    public JobClient Jobs { get; }

    internal TimeProvider TimeProvider { get; }

    internal StorageResilience Resilience { get; }

    internal CloudQueueClient QueueClient { get; }

    internal CloudBlobClient BlobClient { get; }

    internal CloudTableClient TableClient { get; }

    /// <summary>
    /// Opens the account named by a connection string (<c>UseDevelopmentStorage=true</c> means the local Azurite).
    /// Nothing is contacted yet. Throws <see cref="JobStorageException"/>, without the key, when the string is unusable.
    /// </summary>
    public static JobStorage Create(string connectionString) => Create(connectionString, TimeProvider.System);

    internal static JobStorage Create(string connectionString, TimeProvider timeProvider)
    {
        if (!StorageConnection.TryParse(connectionString, out var account, out var error))
        {
            throw new JobStorageException($"Cannot open job storage: {error}");
        }

        return new JobStorage(account!, timeProvider);
    }

    /// <summary>Creates the queue and its <c>&lt;queue&gt;-poison</c> queue when missing.</summary>
    public Task EnsureQueueAsync(string queueName, CancellationToken ct)
    {
        StorageNames.ValidateQueue(queueName);
        return EnsureOnceAsync("queue:" + queueName, async token =>
        {
            await Resilience.ExecuteAsync("create queue " + queueName, t => QueueClient.GetQueueReference(queueName).CreateIfNotExistsAsync(null, null, t), token).ConfigureAwait(false);
            var poison = StorageNames.PoisonQueue(queueName);
            await Resilience.ExecuteAsync("create queue " + poison, t => QueueClient.GetQueueReference(poison).CreateIfNotExistsAsync(null, null, t), token).ConfigureAwait(false);
        }, ct);
    }

    /// <summary>Creates the blob container when missing.</summary>
    public Task EnsureContainerAsync(string containerName, CancellationToken ct) =>
        EnsureOnceAsync("container:" + containerName, token =>
            Resilience.ExecuteAsync("create container " + containerName, t => BlobClient.GetContainerReference(containerName).CreateIfNotExistsAsync(BlobContainerPublicAccessType.Off, null, null, t), token), ct);

    /// <summary>Creates the table when missing.</summary>
    public Task EnsureTableAsync(string tableName, CancellationToken ct) =>
        EnsureOnceAsync("table:" + tableName, token =>
            Resilience.ExecuteAsync("create table " + tableName, t => TableClient.GetTableReference(tableName).CreateIfNotExistsAsync(null, null, t), token), ct);

    /// <summary>
    /// Creates what a role needs in one call from its OnStart: each queue (with its poison queue), container and table,
    /// whichever do not exist yet.
    /// </summary>
    public async Task EnsureAllAsync(IEnumerable<string> queues, IEnumerable<string> containers, IEnumerable<string> tables, CancellationToken ct)
    {
        foreach (var queue in queues)
        {
            await EnsureQueueAsync(queue, ct).ConfigureAwait(false);
        }

        foreach (var container in containers)
        {
            await EnsureContainerAsync(container, ct).ConfigureAwait(false);
        }

        foreach (var table in tables)
        {
            await EnsureTableAsync(table, ct).ConfigureAwait(false);
        }
    }

    /// <summary>True when the queue service answers; one quick call, not retried.</summary>
    public async Task<bool> PingAsync(CancellationToken ct)
    {
        try
        {
            var options = new QueueRequestOptions { RetryPolicy = new NoRetry(), MaximumExecutionTime = TimeSpan.FromSeconds(5) };
            await QueueClient.ListQueuesSegmentedAsync("ping", QueueListingDetails.None, 1, null, options, null, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (TransientErrors.IsStorageFailure(exception) && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The queue's approximate message count, or null when the queue does not exist.</summary>
    public Task<int?> GetApproximateQueueDepthAsync(string queueName, CancellationToken ct)
    {
        StorageNames.ValidateQueue(queueName);
        return Resilience.ExecuteAsync("queue depth " + queueName, async token =>
        {
            var queue = QueueClient.GetQueueReference(queueName);
            try
            {
                await queue.FetchAttributesAsync(null, null, token).ConfigureAwait(false);
                return queue.ApproximateMessageCount ?? 0;
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 404))
            {
                return (int?)null;
            }
        }, ct);
    }

    /// <summary>A table of JSON documents of type <typeparamref name="T"/>; created on first use.</summary>
    public DocumentTable<T> Table<T>(string tableName)
        where T : class
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        return new DocumentTable<T>(this, tableName);
    }

    /// <summary>
    /// A queue processor to be run by a supervisor (<see cref="Supervision.IBackgroundTask"/>). Throws
    /// <see cref="ArgumentException"/> for invalid options or two handlers of one job type.
    /// </summary>
    public QueueProcessor CreateProcessor(QueueProcessorOptions options, IEnumerable<IJobHandler> handlers, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        return new QueueProcessor(this, options, handlers, loggerFactory.CreateLogger<QueueProcessor>(), timeProvider);
    }

    internal CloudQueue Queue(string queueName) => QueueClient.GetQueueReference(queueName);

    /// <summary>
    /// The queue read without decoding: the storage client's own base64 decoding throws on the first message some
    /// other writer put there unencoded, so the processor fetches the text as it is and decodes it itself.
    /// </summary>
    internal CloudQueue UndecodedQueue(string queueName)
    {
        var queue = QueueClient.GetQueueReference(queueName);
        queue.EncodeMessage = false;
        return queue;
    }

    internal CloudTable CloudTable(string tableName) => TableClient.GetTableReference(tableName);

    /// <summary>
    /// Forgets every queue, table and container created so far, so the next use creates it again: called when a call
    /// found one gone. A storage that lost one (Azurite restarted without its last save) has usually lost them all,
    /// and creating an existing one again costs one call.
    /// </summary>
    internal void ForgetEnsured() => _ensured.Clear();

    /// <summary>Runs a create-if-missing once per process; a failure is forgotten so the next call tries again.</summary>
    private async Task EnsureOnceAsync(string key, Func<CancellationToken, Task> create, CancellationToken ct)
    {
        // The creation runs on its own: one caller's cancellation must not fail the others waiting on it.
        var lazy = _ensured.GetOrAdd(key, _ => new Lazy<Task>(() => create(CancellationToken.None)));
        try
        {
            await lazy.Value.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (JobStorageException)
        {
            _ensured.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, lazy));
            throw;
        }
    }
}
