using Log = BackgroundRoles.Supervision.Supervisor.Log;

namespace BackgroundRoles.Supervision.Internal;

/// <summary>The task's health bookkeeping: state, heartbeats, restarts and errors, all under one lock.</summary>
internal sealed partial class TaskRunner
{
    private readonly object _gate = new();
    private readonly RestartTracker _tracker;
    private TaskState _state = TaskState.Pending;
    private int _attempt;
    private bool _healthyThisAttempt;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _lastHeartbeat;
    private DateTimeOffset? _nextRestartAt;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private string? _lastErrorStack;
    private Task? _currentAttempt;
    
    public TaskState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Whether code of this task may still be running: the current run, or one that leaked.</summary>
    public bool IsRunningCode
    {
        get
        {
            lock (_gate)
            {
                return _currentAttempt is { IsCompleted: false } || _leaked is { IsCompleted: false };
            }
        }
    }

    /// <summary>Whether its decider stopped the task (<see cref="TaskState.Degraded"/>).</summary>
    public bool IsDegraded
    {
        get
        {
            lock (_gate)
            {
                return _state == TaskState.Degraded;
            }
        }
    }

    public TaskHealth GetHealth()
    {
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            return new TaskHealth(
                Name,
                _state,
                _tracker.Total,
                _tracker.CountRecent(now),
                _lastError,
                _lastErrorAt,
                _lastHeartbeat,
                _startedAt,
                _state == TaskState.BackingOff ? _nextRestartAt : null,
                Policy.Required)
            {
                LastErrorStack = _lastErrorStack,
            };
        }
    }

    public void RecordHeartbeat(int attempt)
    {
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            if (attempt == _attempt)
            {
                _lastHeartbeat = now;
            }
        }
    }

    /// <summary>Parks the task while the supervisor is frozen, unless it leaked (it may still be running).</summary>
    public void Park()
    {
        bool changed;
        lock (_gate)
        {
            changed = _state is not (TaskState.Frozen or TaskState.Leaked or TaskState.Degraded);
            if (changed)
            {
                _state = TaskState.Frozen;
            }
        }

        if (changed)
        {
            RaiseHealthChanged();
        }
    }

    private void SetState(TaskState state)
    {
        lock (_gate)
        {
            if (_state == state)
            {
                return;
            }

            _state = state;
        }

        RaiseHealthChanged();
    }

    private void RaiseHealthChanged() => _owner.OnHealthChanged(GetHealth());

    private BackgroundTaskContext BeginAttempt()
    {
        BackgroundTaskContext context;
        lock (_gate)
        {
            _attempt++;
            _healthyThisAttempt = false;
            _startedAt = _time.GetUtcNow();
            _lastHeartbeat = null;
            _nextRestartAt = null;
            _state = TaskState.Running;
            context = new BackgroundTaskContext(this, _attempt, _time);
        }

        RaiseHealthChanged();
        return context;
    }

    private void SetCurrentAttempt(Task attempt)
    {
        lock (_gate)
        {
            _currentAttempt = attempt;
        }
    }

    /// <summary>
    /// Marks the run healthy once it has lasted the healthy period, and detects a stall. Returns how long until the
    /// next check is due, or null when nothing more is to be checked.
    /// </summary>
    private TimeSpan? CheckProgress(DateTimeOffset now, out bool stalled)
    {
        stalled = false;
        TimeSpan? nextCheck = null;
        int recoveredFrom = 0;
        lock (_gate)
        {
            DateTimeOffset startedAt = _startedAt.GetValueOrDefault(now);
            if (!_healthyThisAttempt)
            {
                TimeSpan healthyIn = startedAt + Policy.HealthyPeriod - now;
                if (healthyIn <= TimeSpan.Zero)
                {
                    _healthyThisAttempt = true;
                    recoveredFrom = _tracker.MarkHealthy();
                }
                else
                {
                    nextCheck = healthyIn;
                }
            }

            if (Policy.StallTimeout is { } stallTimeout)
            {
                TimeSpan stallIn = _lastHeartbeat.GetValueOrDefault(startedAt) + stallTimeout - now;
                stalled = stallIn <= TimeSpan.Zero;
                nextCheck = nextCheck is { } healthyIn && healthyIn < stallIn ? healthyIn : stallIn;
            }
        }

        if (recoveredFrom > 0)
        {
            Log.TaskRecovered(_logger, Name, recoveredFrom);
        }

        return nextCheck;
    }

    /// <summary>Ends the bookkeeping of a run; returns whether it lasted the healthy period.</summary>
    private bool EndAttempt(DateTimeOffset now)
    {
        // The watch loop may not have woken at the exact end of the healthy period; catch up here.
        CheckProgress(now, out _);
        lock (_gate)
        {
            return _healthyThisAttempt;
        }
    }

    /// <summary>Records a failure as the task's last error.</summary>
    private void RecordError(Exception error, DateTimeOffset now)
    {
        lock (_gate)
        {
            _lastError = $"{error.GetType().FullName}: {error.Message}";
            _lastErrorStack = ErrorStack(error);
            _lastErrorAt = now;
        }
    }

    /// <summary>
    /// The exception as .NET prints it, cut: health travels to the fabric at every change, and a deep async stack
    /// (or an aggregate of many) would otherwise make each report as large as the stack.
    /// </summary>
    private static string ErrorStack(Exception error)
    {
        var text = error.ToString();
        const int Max = SupervisorDefaults.MaxErrorStackChars;
        return text.Length <= Max ? text : string.Concat(text.AsSpan(0, Max), $"\n… ({text.Length - Max} more characters)");
    }

    /// <summary>Records a failure and the restart it calls for; returns true when that restart would exceed the limit.</summary>
    private bool RecordRestart(Exception error, DateTimeOffset now)
    {
        RecordError(error, now);
        lock (_gate)
        {
            if (_tracker.WouldExceed(now, Policy.MaxRestarts))
            {
                return true;
            }

            _tracker.RecordRestart(now);
            return false;
        }
    }

    /// <summary>Called by Polly before each restart delay: records it and logs the failure, throttled.</summary>
    private void OnBackingOff(Exception? error, TimeSpan delay)
    {
        int failures;
        lock (_gate)
        {
            _state = TaskState.BackingOff;
            _nextRestartAt = _time.GetUtcNow() + delay;
            failures = _tracker.ConsecutiveFailures;
        }

        RaiseHealthChanged();
        if (failures <= 1)
        {
            Log.TaskFailed(_logger, Name, delay, error);
        }
        else if (failures == SupervisorDefaults.FailuresBeforeError
            || (failures > SupervisorDefaults.FailuresBeforeError
                && (failures - SupervisorDefaults.FailuresBeforeError) % SupervisorDefaults.FailureReminderInterval == 0))
        {
            Log.TaskFailingRepeatedly(_logger, Name, failures, delay, error);
        }
        else
        {
            Log.TaskFailedAgain(_logger, Name, failures, delay, error);
        }
    }
}
