using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Supervision.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which timers are pending, so a test can wait until the code under
/// test has scheduled its delay before advancing the clock (advancing first would start that delay late).
/// </summary>
internal sealed class TrackingTimeProvider : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TrackedTimer> _pending = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<TimeSpan> PendingDueTimes
    {
        get
        {
            lock (_gate)
            {
                return _pending.Select(timer => timer.DueTime).ToArray();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this, dueTime);
        var fired = false;
        tracked.Inner = base.CreateTimer(
            timerState =>
            {
                lock (_gate)
                {
                    fired = true;
                }

                Remove(tracked);
                callback(timerState);
            },
            state,
            dueTime,
            period);

        // Listed as pending only once the fake clock knows it: a test that sees it and advances the clock must fire it.
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (!fired)
            {
                _pending.Add(tracked);
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return tracked;
    }

    /// <summary>Waits until a timer due <paramref name="dueTime"/> after its creation is pending.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime) => WaitForTimerAsync(due => due == dueTime);

    public Task WaitForTimerAsync(Func<TimeSpan, bool> match) => WaitForPendingAsync(pending => pending.Any(timer => match(timer.DueTime)));

    /// <summary>Waits until <paramref name="count"/> timers due <paramref name="dueTime"/> after their creation are pending.</summary>
    public Task WaitForTimersAsync(TimeSpan dueTime, int count) => WaitForPendingAsync(pending => pending.Count(timer => timer.DueTime == dueTime) >= count);

    private async Task WaitForPendingAsync(Func<List<TrackedTimer>, bool> condition)
    {
        using var guard = new CancellationTokenSource(TestTimeouts.Guard);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(_pending))
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(guard.Token);
            }
            catch (OperationCanceledException) when (guard.IsCancellationRequested)
            {
                throw new TimeoutException($"No matching timer was scheduled; pending: {string.Join(", ", PendingDueTimes)}.");
            }
        }
    }

    private void Remove(TrackedTimer timer)
    {
        lock (_gate)
        {
            _pending.Remove(timer);
        }
    }

    private sealed class TrackedTimer(TrackingTimeProvider owner, TimeSpan dueTime) : ITimer
    {
        public TimeSpan DueTime { get; private set; } = dueTime;

        public ITimer? Inner { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            DueTime = dueTime;
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            owner.Remove(this);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
