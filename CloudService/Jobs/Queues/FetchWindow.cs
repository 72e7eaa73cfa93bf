namespace BackgroundRoles.Jobs.Queues;

/// <summary>
/// How many messages a listener may hold (fetched and not yet out of a handler slot) and when it fetches more.
/// <para>
/// It holds at most <see cref="QueueProcessorOptions.MaxConcurrency"/> plus the prefetch allowed now, and it fetches
/// once that many minus the threshold are held: with no prefetch, as soon as one is free (a fetch by free slot); with
/// a prefetch, once the smaller of the prefetch and the batch size is free, so a deep queue is read in full batches
/// while every handler still has a message. Each GetMessages call costs the storage about as much as a delete (the
/// emulator sorts every visible message per call), so fewer, larger fetches leave it more time for the rest.
/// </para>
/// <para>
/// The prefetch allowed now follows how long handlers take (a moving average, from a handler slot taken to given
/// back): a buffered message must be expected to get a handler before its first visibility renewal (half the
/// visibility timeout), so no message waits in the buffer for long, hidden from other instances. Until a handler has
/// ended, and for handlers too slow for that, there is no prefetch.
/// </para>
/// </summary>
internal sealed class FetchWindow
{
    /// <summary>Weight of the newest handler time in the moving average.</summary>
    private const double AverageWeight = 0.2;

    private readonly object _gate = new();
    private readonly int _handlers;
    private readonly int _prefetch;
    private readonly int _batchSize;
    private readonly double _bufferWaitTicks;
    private int _held;
    private double _averageTicks = double.NaN;
    private TaskCompletionSource? _changed;

    public FetchWindow(QueueProcessorOptions options)
    {
        _handlers = options.MaxConcurrency;
        _prefetch = options.PrefetchCount;
        _batchSize = options.BatchSize;
        _bufferWaitTicks = (options.VisibilityTimeout / 2).Ticks;
    }

    /// <summary>
    /// Waits, at most <paramref name="maxWait"/> (so the listener's heartbeat goes on while every handler is busy),
    /// until a fetch is due; then reserves the messages to fetch and returns how many (0 when the wait ran out).
    /// Reserved messages that do not come are given back with <see cref="Return"/>.
    /// </summary>
    public async Task<int> ReserveAsync(TimeSpan maxWait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + maxWait;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var allowed = AllowedLocked();
                var free = _handlers + allowed - _held;
                if (free >= Math.Max(1, Math.Min(allowed, _batchSize)))
                {
                    var take = Math.Min(free, _batchSize);
                    _held += take;
                    return take;
                }

                _changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed = _changed.Task;
            }

            var remaining = deadline - timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return 0;
            }

            try
            {
                await changed.WaitAsync(remaining, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return 0;
            }
        }
    }

    /// <summary>Gives back <paramref name="count"/> held messages (out of their handler slot, or never fetched).</summary>
    public void Return(int count)
    {
        TaskCompletionSource? changed;
        lock (_gate)
        {
            _held -= count;
            changed = _changed;
            _changed = null;
        }

        changed?.TrySetResult();
    }

    /// <summary>Counts one handler's time (from its slot taken to given back) into the moving average.</summary>
    public void Observe(TimeSpan handlerTime)
    {
        lock (_gate)
        {
            _averageTicks = double.IsNaN(_averageTicks)
                ? handlerTime.Ticks
                : (AverageWeight * handlerTime.Ticks) + ((1 - AverageWeight) * _averageTicks);
        }
    }

    private int AllowedLocked()
    {
        if (_prefetch == 0 || double.IsNaN(_averageTicks))
        {
            return 0;
        }

        // A buffered message waits about (its place in the buffer / handlers) handler times.
        var fits = _averageTicks <= 0 ? double.MaxValue : _handlers * _bufferWaitTicks / _averageTicks;
        return fits >= _prefetch ? _prefetch : (int)fits;
    }
}
