namespace BackgroundRoles.Jobs;

/// <summary>Settings of a <see cref="QueueProcessor"/>; every default is in <see cref="JobDefaults"/>.</summary>
public sealed record QueueProcessorOptions
{
    /// <summary>Queues to poll, in priority order: a queue is polled only when the ones before it were empty in that poll. Default: none.</summary>
    public IReadOnlyList<string> Queues { get; init; } = [];

    /// <summary>
    /// Also poll every queue whose name starts with this prefix (poison queues excluded), listed again every
    /// <see cref="DiscoveryInterval"/> so new queues are picked up without a restart; they come after
    /// <see cref="Queues"/>, in name order. Default: null (no discovery).
    /// </summary>
    public string? QueuePrefix { get; init; }

    /// <summary>How often queues are listed again for <see cref="QueuePrefix"/>. Default: 30 seconds.</summary>
    public TimeSpan DiscoveryInterval { get; init; } = JobDefaults.DiscoveryInterval;

    /// <summary>Messages fetched per call, 1 to 32. Default: 32.</summary>
    public int BatchSize { get; init; } = JobDefaults.BatchSize;

    /// <summary>Handlers running at once. Default: 16.</summary>
    public int MaxConcurrency { get; init; } = JobDefaults.MaxConcurrency;

    /// <summary>
    /// Messages that may be held beyond the handlers, waiting for one, so a deep queue is fetched in full batches of
    /// <see cref="BatchSize"/> (fewer GetMessages calls per job) while every handler still has work. The processor
    /// allows fewer while handlers are slow: a waiting message must be expected to get a handler within half the
    /// <see cref="VisibilityTimeout"/>, so none is hidden from other instances for long; its visibility is renewed
    /// from the fetch on, and a stop hands it back at once. Zero fetches only for free handlers. Default: 32.
    /// </summary>
    public int PrefetchCount { get; init; } = JobDefaults.PrefetchCount;

    /// <summary>The shortest wait between polls, used again as soon as messages arrive (a poll that filled every free handler slot does not wait at all). Default: 100 milliseconds.</summary>
    public TimeSpan MinPollingInterval { get; init; } = JobDefaults.MinPollingInterval;

    /// <summary>The longest wait between polls; empty polls grow the wait exponentially, with jitter, up to it. Default: 10 seconds.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = JobDefaults.MaxPollingInterval;

    /// <summary>How long a fetched message stays invisible; renewed every half of it while the handler runs. Whole seconds, at least 1. Default: 30 seconds.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = JobDefaults.VisibilityTimeout;

    /// <summary>A failure at this dequeue count moves the message to <c>&lt;queue&gt;-poison</c>. Default: 5.</summary>
    public int MaxDequeueCount { get; init; } = JobDefaults.MaxDequeueCount;

    /// <summary>Visibility delay after a failure: RetryDelay * 2^(dequeue count - 1), at most <see cref="MaxRetryDelay"/>. Default: 5 seconds.</summary>
    public TimeSpan RetryDelay { get; init; } = JobDefaults.RetryDelay;

    /// <summary>Cap on the retry delay. Default: 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = JobDefaults.MaxRetryDelay;

    /// <summary>On stop, how long in-flight handlers may finish before they are cancelled and their messages released. Default: 22.5 seconds.</summary>
    public TimeSpan DrainTimeout { get; init; } = JobDefaults.DrainTimeout;

    /// <summary>
    /// On stop, the budget of handing back an unfinished handler's message (status Queued with the attempt, then
    /// visibility 0), under a token of its own. Default: 3 seconds.
    /// </summary>
    public TimeSpan ReleaseTimeout { get; init; } = JobDefaults.ReleaseTimeout;

    /// <summary>On stop, how long cancelled handlers may take to end before they are logged as leaked. Default: 1.5 seconds.</summary>
    public TimeSpan HandlerGrace { get; init; } = JobDefaults.HandlerGrace;

    /// <summary>Delay of an ordered message waiting for its predecessor, doubled per dequeue, at most <see cref="MaxRetryDelay"/>. Default: 1 second.</summary>
    public TimeSpan OrderingRetryDelay { get; init; } = JobDefaults.OrderingRetryDelay;

    /// <summary>
    /// How long a handler runs before the job's status record says Running (with <see cref="TrackStatus"/>): a job
    /// that finishes sooner costs no write for Running. Zero writes Running before the handler starts. Default: 1 second.
    /// </summary>
    public TimeSpan RunningStatusDelay { get; init; } = JobDefaults.RunningStatusDelay;

    /// <summary>How long a started <see cref="JobContext.RunOnceAsync"/> side effect holds off other workers. Default: 1 minute.</summary>
    public TimeSpan RunOnceLease { get; init; } = JobDefaults.RunOnceLease;

    /// <summary>Budget of the delete, release or poison move after a handler. Default: 30 seconds.</summary>
    public TimeSpan CompletionTimeout { get; init; } = JobDefaults.CompletionTimeout;

    /// <summary>The background task's name. Default: <c>queue-processor</c>.</summary>
    public string Name { get; init; } = JobDefaults.ProcessorName;

    /// <summary>
    /// Whether the processor keeps each job's status record: Running when a handler starts, then Succeeded, Failed,
    /// Poisoned or Queued again, and a finished job's second delivery deleted unrun. Each record change is one more
    /// table call per job, so a queue whose jobs nobody looks up (fire and forget) can turn it off; side effects
    /// stay exactly-once through <see cref="JobContext.RunOnceAsync"/> either way. Default: true.
    /// </summary>
    public bool TrackStatus { get; init; } = JobDefaults.TrackStatus;

    /// <summary>
    /// Changes the message pipeline, once, when the processor is created: replace a default step (a role's own
    /// poison handling), add steps before or after one, or remove one (<see cref="Pipeline.MessagePipelineBuilder"/>).
    /// A step name the builder does not know throws <see cref="ArgumentException"/> from
    /// <see cref="JobStorage.CreateProcessor(QueueProcessorOptions, IEnumerable{IJobHandler}, Microsoft.Extensions.Logging.ILoggerFactory, TimeProvider?)"/>.
    /// Default: null (the default steps).
    /// </summary>
    public Action<Pipeline.MessagePipelineBuilder>? ConfigurePipeline { get; init; }

    /// <summary>
    /// Webhook callbacks of jobs submitted with <see cref="SubmitOptions.CallbackUrl"/>: the <c>callback</c> step hands
    /// each final job to a sender that POSTs its final status in the background, after the record is durable, and
    /// records the outcome in <see cref="JobStatus.Callback"/>. At least once: the step writes a row in
    /// <see cref="JobDefaults.CallbackTable"/> before the message is deleted, and a role's sweep (added with the queue
    /// handlers) delivers the rows of a sender that stopped or died.
    /// Default: null (off; such jobs get <see cref="Callbacks.CallbackOutcome.Refused"/>).
    /// </summary>
    public Callbacks.CallbackOptions? Callbacks { get; init; }

    /// <summary>
    /// These options with their stop fitted to <paramref name="stages"/> (the role's stop budget, as the supervisor
    /// running the processor derives it): <see cref="DrainTimeout"/>, <see cref="ReleaseTimeout"/> and
    /// <see cref="HandlerGrace"/> are its drain, release and handler grace, so the processor has released every
    /// message it holds before the supervisor's stop gives up on it.
    /// </summary>
    public QueueProcessorOptions WithStopStages(Supervision.StopStages stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        return this with { DrainTimeout = stages.Drain, ReleaseTimeout = stages.Release, HandlerGrace = stages.HandlerGrace };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Queues.Count == 0 && string.IsNullOrEmpty(QueuePrefix))
        {
            throw new ArgumentException("Set Queues or QueuePrefix: the processor has nothing to poll.");
        }

        foreach (var queue in Queues)
        {
            Internal.StorageNames.ValidateQueue(queue);
        }

        Require(BatchSize is >= 1 and <= JobDefaults.MaxBatchSize, nameof(BatchSize), "must be 1 to 32");
        Require(MaxConcurrency >= 1, nameof(MaxConcurrency), "must be at least 1");
        Require(PrefetchCount >= 0, nameof(PrefetchCount), "must not be negative");
        Require(MaxDequeueCount >= 1, nameof(MaxDequeueCount), "must be at least 1");
        Require(MinPollingInterval > TimeSpan.Zero, nameof(MinPollingInterval), "must be positive");
        Require(MaxPollingInterval >= MinPollingInterval, nameof(MaxPollingInterval), "must be at least MinPollingInterval");
        Require(VisibilityTimeout >= TimeSpan.FromSeconds(1) && VisibilityTimeout <= TimeSpan.FromDays(7), nameof(VisibilityTimeout), "must be 1 second to 7 days");
        Require(RetryDelay >= TimeSpan.Zero && MaxRetryDelay >= RetryDelay && MaxRetryDelay <= TimeSpan.FromDays(7), nameof(MaxRetryDelay), "must be at least RetryDelay and at most 7 days");
        Require(OrderingRetryDelay >= TimeSpan.Zero, nameof(OrderingRetryDelay), "must not be negative");
        Require(DrainTimeout >= TimeSpan.Zero, nameof(DrainTimeout), "must not be negative");
        Require(ReleaseTimeout > TimeSpan.Zero, nameof(ReleaseTimeout), "must be positive");
        Require(HandlerGrace >= TimeSpan.Zero, nameof(HandlerGrace), "must not be negative");
        Require(DiscoveryInterval > TimeSpan.Zero, nameof(DiscoveryInterval), "must be positive");
        Require(RunningStatusDelay >= TimeSpan.Zero, nameof(RunningStatusDelay), "must not be negative");
        Require(RunOnceLease > TimeSpan.Zero, nameof(RunOnceLease), "must be positive");
        Require(CompletionTimeout > TimeSpan.Zero, nameof(CompletionTimeout), "must be positive");
        Require(!string.IsNullOrWhiteSpace(Name), nameof(Name), "must not be empty");
        Callbacks?.Validate();

        static void Require(bool condition, string name, string rule)
        {
            if (!condition)
            {
                throw new ArgumentException($"QueueProcessorOptions.{name} {rule}.", name);
            }
        }
    }

    /// <summary>The visibility delay after a failed attempt at <paramref name="dequeueCount"/>.</summary>
    internal TimeSpan RetryDelayFor(int dequeueCount) => Grow(RetryDelay, dequeueCount);

    /// <summary>The visibility delay of an ordered message waiting for its predecessor at <paramref name="dequeueCount"/>.</summary>
    internal TimeSpan OrderingDelayFor(int dequeueCount) => Grow(OrderingRetryDelay, dequeueCount);

    private TimeSpan Grow(TimeSpan initial, int dequeueCount)
    {
        var exponent = Math.Clamp(dequeueCount - 1, 0, 30);
        var ticks = initial.Ticks * Math.Pow(2, exponent);
        return ticks >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }
}
