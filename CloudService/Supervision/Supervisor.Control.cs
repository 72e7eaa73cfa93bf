using BackgroundRoles.Supervision.Internal;

namespace BackgroundRoles.Supervision;

/// <summary>
/// The supervisor's machinery: the control loop's helpers (sessions, freeze, escalation), the stop, state
/// transitions and events. The public surface is in Supervisor.cs.
/// </summary>
public sealed partial class Supervisor
{
    internal void Escalate(SupervisorOutcome outcome)
    {
        if (_escalation.TrySetResult(outcome))
        {
            Log.Escalating(_logger, outcome.TaskName, outcome.Reason, outcome.Exception);
        }
    }

    internal void ReportFatal(string taskName, Exception exception)
    {
        if (_escalation.TrySetException(exception))
        {
            Log.FatalError(_logger, taskName, exception);
        }
    }

    internal void OnHealthChanged(TaskHealth health) => Raise(HealthChanged, health);

    /// <summary>
    /// How long a cancelled task may take to end: its policy's grace, or in a stop the stop's
    /// <see cref="StopStages.TaskGrace"/> when that is longer, so a task that drains and releases what it holds is
    /// never cut off before the stop's own deadline.
    /// </summary>
    internal TimeSpan CancellationGrace(RestartPolicy policy)
    {
        lock (_gate)
        {
            return _stopStages is { } stages && stages.TaskGrace > policy.CancellationGrace ? stages.TaskGrace : policy.CancellationGrace;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TaskRunner[] Runners()
    {
        lock (_gate)
        {
            return [.. _runners];
        }
    }

    private (Task Changed, bool Frozen, bool Stopping) ReadControl()
    {
        lock (_gate)
        {
            return (_controlChanged.Task, _frozen, _stopTask is not null);
        }
    }

    /// <summary>Wakes the control loop in <see cref="RunAsync"/>.</summary>
    private void Poke()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _controlChanged;
            _controlChanged = NewSignal();
        }

        previous.TrySetResult();
    }

    private void StopFromToken() => _ = StopAsync(_options.StopBudget);

    private Session? StartSession()
    {
        Session session;
        lock (_gate)
        {
            if (_stopTask is not null)
            {
                return null;
            }

            var cancellation = new CancellationTokenSource();
            CancellationToken token = cancellation.Token;

            // Task.Run keeps the tasks' first synchronous steps (and the events they raise) out of this lock.
            Task[] loops = _runners.Select(runner => Task.Run(() => runner.RunAsync(token), CancellationToken.None)).ToArray();
            _session = session = new Session(cancellation, Task.WhenAll(loops));
        }

        Transition(SupervisorState.Running);
        return session;
    }

    private void Park()
    {
        foreach (TaskRunner runner in Runners())
        {
            runner.Park();
        }

        if (Transition(SupervisorState.Frozen))
        {
            Log.Frozen(_logger);
        }
    }

    private async Task DrainAsync(Session session)
    {
        session.Cancel();

        // Each task's loop ends within its cancellation grace; one that ignores cancellation is left behind as leaked.
        await session.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_gate)
        {
            if (_session == session)
            {
                _session = null;
            }
        }
    }

    private async Task<SupervisorOutcome> EndEscalatedAsync(Session? session)
    {
        Transition(SupervisorState.Escalated);
        if (session is not null)
        {
            session.Cancel();
            await session.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // A fatal error is rethrown here, after the other tasks were cancelled.
        return await _escalation.Task.ConfigureAwait(false);
    }

    private async Task<StopReport> StopCoreAsync(StopStages stages)
    {
        long started = _time.GetTimestamp();
        Log.Stopping(_logger, stages.Budget, stages.TaskGrace, stages.Drain, stages.Release, stages.HandlerGrace, stages.HostReserve);
        Session? session;
        lock (_gate)
        {
            session = _session;
        }

        if (session is not null)
        {
            session.Cancel();
            TimeSpan wait = stages.TaskGrace;
            if (wait > TimeSpan.Zero)
            {
                using var timerCancellation = new CancellationTokenSource();
                await Task.WhenAny(session.Completion, Task.Delay(Delays.Clamp(wait), _time, timerCancellation.Token)).ConfigureAwait(false);
                timerCancellation.Cancel();
            }
        }

        List<string> finished = [];
        List<string> unfinished = [];
        foreach (TaskRunner runner in Runners())
        {
            if (runner.IsRunningCode)
            {
                unfinished.Add(runner.Name);
                Log.TaskDidNotStop(_logger, runner.Name);
            }
            else
            {
                finished.Add(runner.Name);
            }
        }

        TimeSpan elapsed = _time.GetElapsedTime(started);
        Transition(SupervisorState.Stopped);
        Log.Stopped(_logger, elapsed, finished.Count, unfinished.Count);
        return new StopReport(finished, unfinished, elapsed);
    }

    /// <summary>Moves to <paramref name="next"/> unless stopping has begun; returns whether the state changed.</summary>
    private bool Transition(SupervisorState next)
    {
        lock (_gate)
        {
            bool stoppingBlocks = _state == SupervisorState.Stopped
                || (_state == SupervisorState.Stopping && next != SupervisorState.Stopped);
            if (_state == next || stoppingBlocks)
            {
                return false;
            }

            _state = next;
        }

        Raise(StateChanged, next);
        return true;
    }

    private void Raise<T>(EventHandler<T>? handler, T args)
    {
        try
        {
            handler?.Invoke(this, args);
        }
        catch (Exception exception) when (!FatalExceptions.IsFatal(exception))
        {
            // A faulty observer must not take the supervisor down.
            Log.HealthChangedHandlerFailed(_logger, exception);
        }
    }

    /// <summary>The tasks of one running period, from a start or unfreeze to a stop, freeze or escalation.</summary>
    private sealed class Session(CancellationTokenSource cancellation, Task completion)
    {
        // The source is not disposed: a leaked task may still hold its token, and it owns no timer.
        public Task Completion { get; } = completion;

        public void Cancel() => cancellation.Cancel();
    }
}
