using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Pipeline.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Queues;

/// <summary>
/// The listener half of a queue processor: ensure the configured queues exist; then loop, heartbeat each poll: wait
/// until a fetch is due (<see cref="FetchWindow"/>: by free handler slot, or in full batches with a prefetch), fetch up
/// to <see cref="QueueProcessorOptions.BatchSize"/> messages (<see cref="QueuePoller"/>), run each through the message
/// pipeline on a handler slot (<see cref="HandlerSlot"/>) with its visibility renewed from the fetch on
/// (<see cref="VisibilityRenewal"/>), wait (randomized exponential backoff on empty polls). On cancellation:
/// <see cref="StopDrain"/>.
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
        using var handlers = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        var window = new FetchWindow(_options);
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
                var acquired = await window.ReserveAsync(_options.MaxPollingInterval, timeProvider, cancellationToken).ConfigureAwait(false);
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
                        var job = new InFlightJob(lease, processing.Token, timeProvider);
                        Dispatch(job, new HandlerSlot(handlers, window, timeProvider), pipeline, timeProvider, cancellationToken);
                        dispatched++;
                    }, timeProvider, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // Reservations no message came for are given back.
                    if (acquired > dispatched)
                    {
                        window.Return(acquired - dispatched);
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
    /// Runs one message: it waits (its visibility renewed) for a handler slot, or is given back at once when the
    /// processor stops first. The slot is given back as soon as the outcome is known (the completion's storage calls
    /// then overlap with the next handlers), while at most <see cref="QueueProcessorOptions.MaxConcurrency"/>
    /// messages are completing that way; past that, a message keeps its slot to the end, so completions cannot pile up.
    /// </summary>
    private void Dispatch(InFlightJob job, HandlerSlot slot, MessagePipeline pipeline, TimeProvider timeProvider, CancellationToken stopToken)
    {
        _inFlight.TryAdd(job, 0);
        var releasedEarly = false;
        job.Message.HandlerDone = () =>
        {
            if (Interlocked.Increment(ref _completing) <= _options.MaxConcurrency)
            {
                releasedEarly = true;
                slot.Release();
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
                await ProcessAsync(job, slot, pipeline, timeProvider, stopToken).ConfigureAwait(false);
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
                    slot.Release();
                }
            }
        });
    }

    /// <summary>One message: a handler slot, then the pipeline, its visibility renewed the whole time.</summary>
    private async Task ProcessAsync(InFlightJob job, HandlerSlot slot, MessagePipeline pipeline, TimeProvider timeProvider, CancellationToken stopToken)
    {
        using var renewalStop = new CancellationTokenSource();
        var renewal = _renewal.RunAsync(job.Lease, timeProvider, renewalStop.Token);
        try
        {
            if (!await slot.TakeAsync(job.Token, stopToken).ConfigureAwait(false))
            {
                // Stopped (or lost) before a handler was free: nothing ran, so it goes back for another instance.
                await _release.ReleaseAsync(job, timeProvider).ConfigureAwait(false);
                return;
            }

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
