using BackgroundRoles.Jobs.Pipeline;
using BackgroundRoles.Jobs.Pipeline.Internal;
using BackgroundRoles.Jobs.Queues;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs;

/// <summary>
/// Takes jobs from storage queues and runs their <see cref="IJobHandler"/>s; a background task for the supervisor.
/// Two halves: a listener and a message pipeline.
/// <para>
/// The listener: ensure the configured queues exist; then loop, heartbeat each poll: wait for a free handler slot,
/// fetch up to <see cref="QueueProcessorOptions.BatchSize"/> messages from the first queue (priority order) that has
/// any, run each through the pipeline with its visibility renewed every half timeout (with the newest pop receipt),
/// wait (randomized exponential backoff on empty polls, the minimum after messages). On cancellation, in the stages
/// of <see cref="Supervision.StopStages"/>: fetch nothing more, let in-flight handlers finish within
/// <see cref="QueueProcessorOptions.DrainTimeout"/>, then cancel them and, under a release token of its own
/// (<see cref="QueueProcessorOptions.ReleaseTimeout"/>), set each one's status back to Queued with its attempt and
/// release its message with visibility 0; then give them <see cref="QueueProcessorOptions.HandlerGrace"/> to end.
/// </para>
/// <para>
/// The pipeline (<see cref="MessagePipelineBuilder"/>, changed through
/// <see cref="QueueProcessorOptions.ConfigurePipeline"/>): intake steps decode and check the message (a message that
/// can never succeed is poisoned at once with its <see cref="PoisonReason"/>), delete a repeated delivery of a job
/// already final, apply the ordering rule, resolve a claim-checked payload, then set status Running and run the
/// handler; completion steps then act on the outcome: ordering record, poison queue, status, reply, delete or
/// release, under a token of their own (<see cref="QueueProcessorOptions.CompletionTimeout"/>), so a stop never
/// abandons them halfway. Whatever fails while handling a message (a handler, storage after its retries, a record
/// another writer left unreadable) counts the same way: poison at the dequeue limit or on
/// <see cref="PoisonJobException"/>, else release with a growing delay, so no message is retried for ever.
/// </para>
/// <para>
/// Ordering: a message with an ordering key and sequence N runs only when the key's record (per queue, in
/// <see cref="JobDefaults.OrderingTable"/>) says N - 1 was the last processed; after success the record becomes N
/// (ETag-guarded). N at or below the record is stale: it is deleted without running and its status is Failed with
/// "stale: sequence N already processed". N above the next one waits for its predecessor: it is released with
/// <see cref="QueueProcessorOptions.OrderingRetryDelay"/> (doubled per dequeue), and poisoned at
/// <see cref="QueueProcessorOptions.MaxDequeueCount"/>. Sequences start at 1.
/// </para>
/// <para>
/// Every step runs on one clock: the injected <see cref="TimeProvider"/>, else the supervisor's; the run-once guard
/// of <see cref="JobContext.RunOnceAsync"/> too.
/// </para>
/// </summary>
public sealed class QueueProcessor : IBackgroundTask
{
    private readonly QueueProcessorOptions _options;
    private readonly TimeProvider? _timeProvider;
    private readonly QueueListener _listener;
    private readonly MessagePipeline _pipeline;
    private readonly StepServices _services;

    internal QueueProcessor(JobStorage storage, QueueProcessorOptions options, IEnumerable<IJobHandler> handlers, ILogger logger, TimeProvider? timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        var byType = new Dictionary<string, IJobHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!byType.TryAdd(handler.JobType, handler))
            {
                throw new ArgumentException($"Two handlers for job type '{handler.JobType}'.", nameof(handlers));
            }
        }

        var services = new StepServices(storage, options, byType, logger);
        _services = services;
        var builder = DefaultPipeline.Builder(services);
        options.ConfigurePipeline?.Invoke(builder);
        _pipeline = builder.Build(services);
        _listener = new QueueListener(storage, options, services.Statuses, logger);
    }

    /// <inheritdoc/>
    public string Name => _options.Name;

    /// <summary>Messages being processed right now.</summary>
    public int InFlightCount => _listener.InFlightCount;

    /// <inheritdoc/>
    public Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunAsync(context.Heartbeat, _timeProvider ?? context.TimeProvider, cancellationToken);
    }

    /// <summary>The run loop, for callers without a supervisor context (tests).</summary>
    internal async Task RunAsync(Action heartbeat, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        try
        {
            await _listener.RunAsync(_pipeline, heartbeat, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Webhook deliveries still waiting or retrying hand their rows back to the sweep (QueueProcessorOptions.Callbacks).
            await _services.Callbacks.StopAsync().ConfigureAwait(false);
        }
    }
}
