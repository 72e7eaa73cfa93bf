namespace BackgroundRoles.Supervision.Internal;

/// <summary>
/// Runs that leaked: an attempt that did not end when cancelled is kept (its state Leaked) until it ends, with the
/// task observing it, so nothing the supervisor started is left untracked; under the same lock as the health.
/// </summary>
internal sealed partial class TaskRunner
{
    private Task? _leaked;
    private Task? _leakObserver;

    /// <summary>The task observing the last leaked run; it logs and observes that run's end.</summary>
    public Task? LeakObserver
    {
        get
        {
            lock (_gate)
            {
                return _leakObserver;
            }
        }
    }

    private bool HasLiveLeak
    {
        get
        {
            lock (_gate)
            {
                return _leaked is { IsCompleted: false };
            }
        }
    }

    private void TrackLeak(Task attempt)
    {
        lock (_gate)
        {
            _leaked = attempt;
            _state = TaskState.Leaked;
        }

        RaiseHealthChanged();
    }

    /// <summary>Keeps the task that observes a leaked run: nothing the supervisor starts is left untracked.</summary>
    private void KeepLeakObserver(Task observer)
    {
        lock (_gate)
        {
            _leakObserver = observer;
        }
    }

    private void ClearLeak(Task attempt)
    {
        bool stopped;
        lock (_gate)
        {
            if (_leaked != attempt)
            {
                return;
            }

            _leaked = null;

            // If the runner has already moved on (restarting after a stall), its state stands.
            stopped = _state == TaskState.Leaked;
            if (stopped)
            {
                _state = TaskState.Stopped;
            }
        }

        if (stopped)
        {
            RaiseHealthChanged();
        }
    }
}
