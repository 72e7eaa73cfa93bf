using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Pipeline.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Queues;

/// <summary>
/// The listener half of a queue processor: ensure the configured queues exist; then loop, heartbeat each poll: wait
/// for a free handler slot, fetch up to <see cref="QueueProcessorOptions.BatchSize"/> messages (<see cref="QueuePoller"/>),
/// run each through the message pipeline with its visibility renewed (<see cref="VisibilityRenewal"/>), wait
/// (randomized exponential backoff on empty polls). On cancellation: <see cref="StopDrain"/>.
/// </summary>
internal sealed class QueueListener
{
    private readonly JobStorage _storage;
    private readonly QueueProcessorOptions _options;
    private readonly ILogger _logger;
    private readonly QueuePoller _poller;
    private readonly VisibilityRenewal _renewal;
    private readonly StopRelease _release;
    private readonly StopDrain _drain;
    private readonly ConcurrentDictionary<InFlightJob, byte> _inFlight = new();
    private int _completing;

    public QueueListener(JobStorage storage, QueueProcessorOptions options, StatusWriter statuses, ILogger logger)
    {
        _storage = storage;
        _options = options;
        _logger = logger;
        _poller = new QueuePoller(storage, options, logger);
        _renewal = new VisibilityRenewal(options.VisibilityTimeout, logger);
        _release = new StopRelease(options.ReleaseTimeout, statuses, logger);
        _drain = new StopDrain(options, _release, logger);
    }

    /// <summary>Messages being processed right now.</summary>
    public int InFlightCount => _inFlight.Count;

    public async Task RunAsync(MessagePipeline pipeline, Action heartbeat, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ListenerLog.Starting(_logger, _options.Name, _options.Queues.Count, _options.QueuePrefix, _options.MaxConcurrency);
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

                var dispatched = 0;
                TimeSpan delay;
                try
                {
                    delay = await _poller.PollAsync(polling, acquired, lease =>
                    {
                        Dispatch(new InFlightJob(lease, processing.Token, timeProvider), slots, pipeline, timeProvider);
                        dispatched++;
                    }, timeProvider, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // Slots not used for a message are given back.
                    if (acquired > dispatched)
                    {
                        slots.Release(acquired - dispatched);
                    }
                }

                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Our own stop: drain below.
        }
        finally
        {
            await _drain.DrainAsync(_inFlight.Keys.ToArray(), processing, timeProvider).ConfigureAwait(false);
            ListenerLog.Stopped(_logger, _options.Name);
        }
    }

    /// <summary>
    /// Waits (at most the longest polling interval, so heartbeats go on while every handler is busy) for one free
    /// slot, then takes more without waiting, up to the batch size. Returns how many it holds.
    /// </summary>
    private async Task<int> AcquireSlotsAsync(SemaphoreSlim slots, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var wait = new CancellationTokenSource(_options.MaxPollingInterval, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(wait.Token, cancellationToken);
        try
        {
            await slots.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return 0;
        }

        var acquired = 1;
        while (acquired < _options.BatchSize && slots.Wait(0))
        {
            acquired++;
        }

        return acquired;
    }

    /// <summary>
    /// Runs one message on a handler slot. The slot is given back as soon as the outcome is known (the completion's
    /// storage calls then overlap with the next handlers), while at most <see cref="QueueProcessorOptions.MaxConcurrency"/>
    /// messages are completing that way; past that, a message keeps its slot to the end, so completions cannot pile up.
    /// </summary>
    private void Dispatch(InFlightJob job, SemaphoreSlim slots, MessagePipeline pipeline, TimeProvider timeProvider)
    {
        _inFlight.TryAdd(job, 0);
        var releasedEarly = false;
        job.Message.HandlerDone = () =>
        {
            if (Interlocked.Increment(ref _completing) <= _options.MaxConcurrency)
            {
                releasedEarly = true;
                slots.Release();
            }
            else
            {
                Interlocked.Decrement(ref _completing);
            }
        };
        job.Completion = Task.Run(async () =>
        {
            try
            {
                await ProcessAsync(job, pipeline, timeProvider).ConfigureAwait(false);
            }
            finally
            {
                _inFlight.TryRemove(job, out _);
                job.Dispose();
                if (releasedEarly)
                {
                    Interlocked.Decrement(ref _completing);
                }
                else
                {
                    slots.Release();
                }
            }
        });
    }

    /// <summary>One message through the pipeline, its visibility renewed the whole time.</summary>
    private async Task ProcessAsync(InFlightJob job, MessagePipeline pipeline, TimeProvider timeProvider)
    {
        using var renewalStop = new CancellationTokenSource();
        var renewal = _renewal.RunAsync(job.Lease, timeProvider, renewalStop.Token);
        try
        {
            await pipeline.RunAsync(job.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (job.Token.IsCancellationRequested)
        {
            await _release.HandleCancellationAsync(job, timeProvider).ConfigureAwait(false);
        }
        finally
        {
            if (!renewalStop.IsCancellationRequested)
            {
                await renewalStop.CancelAsync().ConfigureAwait(false);
            }

            await renewal.ConfigureAwait(false);
        }
    }
}
