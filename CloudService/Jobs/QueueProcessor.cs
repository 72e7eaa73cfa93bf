using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs;

/// <summary>
/// Takes jobs from storage queues and runs their <see cref="IJobHandler"/>s; a background task for the supervisor.
/// <para>
/// One run: ensure the configured queues exist; then loop, heartbeat each poll: wait for a free handler slot, fetch
/// up to <see cref="QueueProcessorOptions.BatchSize"/> messages from the first queue (priority order) that has any,
/// start a handler per message, wait (randomized exponential backoff on empty polls, the minimum after messages).
/// On cancellation, in the stages of <see cref="Supervision.StopStages"/>: fetch nothing more, let in-flight
/// handlers finish within <see cref="QueueProcessorOptions.DrainTimeout"/>, then cancel them and, under a release
/// token of its own (<see cref="QueueProcessorOptions.ReleaseTimeout"/>), set each one's status back to Queued
/// with its attempt and release its message with visibility 0; then give them
/// <see cref="QueueProcessorOptions.HandlerGrace"/> to end.
/// </para>
/// <para>
/// One message: decode (base64, UTF-8) and check (job id a table key, job type, payload): a message that can never
/// succeed goes to <c>&lt;queue&gt;-poison</c> at once with its <see cref="PoisonReason"/>; a job already final is a
/// duplicate delivery → delete; ordering check; status Running; handler, with the visibility renewed every half
/// timeout; then success (ordering record, status Succeeded, reply, delete), or failure (poison at the dequeue limit
/// or on <see cref="PoisonJobException"/>, else release with a growing delay). Whatever else fails while handling a
/// message (storage after its retries, a record another writer left unreadable) counts the same way, so no message
/// is retried for ever. The delete, release or move uses its own token
/// (<see cref="QueueProcessorOptions.CompletionTimeout"/>), so a stop never abandons it halfway.
/// </para>
/// <para>
/// Ordering: a message with an ordering key and sequence N runs only when the key's record (per queue, in
/// <see cref="JobDefaults.OrderingTable"/>) says N - 1 was the last processed; after success the record becomes N
/// (ETag-guarded). N at or below the record is stale: it is deleted without running and its status is Failed with
/// "stale: sequence N already processed". N above the next one waits for its predecessor: it is released with
/// <see cref="QueueProcessorOptions.OrderingRetryDelay"/> (doubled per dequeue), and poisoned at
/// <see cref="QueueProcessorOptions.MaxDequeueCount"/>. Sequences start at 1.
/// </para>
/// </summary>
public sealed partial class QueueProcessor : IBackgroundTask
{
    private readonly JobStorage _storage;
    private readonly QueueProcessorOptions _options;
    private readonly Dictionary<string, IJobHandler> _handlers;
    private readonly ILogger _logger;
    private readonly TimeProvider? _timeProvider;
    private readonly RunOnceGuard _runOnceGuard;
    private readonly DocumentTable<OrderingRecord> _ordering;
    private readonly ConcurrentDictionary<InFlightJob, byte> _inFlight = new();
    private TimeProvider? _runTimeProvider;

    internal QueueProcessor(JobStorage storage, QueueProcessorOptions options, IEnumerable<IJobHandler> handlers, ILogger logger, TimeProvider? timeProvider)
    {
        _storage = storage;
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        _handlers = new Dictionary<string, IJobHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.JobType, handler))
            {
                throw new ArgumentException($"Two handlers for job type '{handler.JobType}'.", nameof(handlers));
            }
        }

        _runOnceGuard = new RunOnceGuard(storage.Table<EffectRecord>(JobDefaults.EffectsTable), timeProvider ?? TimeProvider.System, options.RunOnceLease, options.CompletionTimeout);
        _ordering = storage.Table<OrderingRecord>(JobDefaults.OrderingTable);
    }

    /// <inheritdoc/>
    public string Name => _options.Name;

    /// <summary>Messages being processed right now.</summary>
    public int InFlightCount => _inFlight.Count;

    /// <inheritdoc/>
    public Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunAsync(context.Heartbeat, _timeProvider ?? context.TimeProvider, cancellationToken);
    }

    /// <summary>The run loop, for callers without a supervisor context (tests).</summary>
    internal async Task RunAsync(Action heartbeat, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _runTimeProvider = timeProvider;
        Log.Starting(_logger, Name, _options.Queues.Count, _options.QueuePrefix, _options.MaxConcurrency);
        using var processing = new CancellationTokenSource();
        using var slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        var polling = new PollState(new PollingBackoff(_options.MinPollingInterval, _options.MaxPollingInterval, Random.Shared));
        try
        {
            foreach (var queue in _options.Queues)
            {
                await _storage.EnsureQueueAsync(queue, cancellationToken).ConfigureAwait(false);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                heartbeat();
                var acquired = await AcquireSlotsAsync(slots, timeProvider, cancellationToken).ConfigureAwait(false);
                if (acquired == 0)
                {
                    continue;
                }

                var delay = await PollAsync(polling, acquired, slots, timeProvider, processing.Token, cancellationToken).ConfigureAwait(false);
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Our own stop: drain below.
        }
        finally
        {
            await DrainAsync(processing, timeProvider).ConfigureAwait(false);
            Log.Stopped(_logger, Name);
        }
    }

    private void Dispatch(InFlightJob job, SemaphoreSlim slots)
    {
        _inFlight.TryAdd(job, 0);
        job.Completion = Task.Run(async () =>
        {
            try
            {
                await ProcessAsync(job).ConfigureAwait(false);
            }
            finally
            {
                _inFlight.TryRemove(job, out _);
                job.Dispose();
                slots.Release();
            }
        });
    }
}
