namespace BackgroundRoles.Fabric.Instances;

/// <summary>An in-place replacement of the instance's spec (an upgrade, or its rollback), out of the balancer's rotation.</summary>
internal sealed partial class RoleInstanceRunner
{
    /// <summary>
    /// Moves the instance onto <paramref name="spec"/>: out of the balancer's rotation first, then, after
    /// <paramref name="drain"/> for the requests already forwarded to it, a recycle (Stopping, OnStop within its stop
    /// budget) and a start with the new spec (at once, whatever the crash-loop backoff says); then waits until a process
    /// started with it is Ready (or Busy from a StatusCheck after it was Ready), or Frozen when the new settings say
    /// Freeze=true (parked before OnStart, as asked: a frozen deployment can be upgraded), and puts it back in rotation
    /// (a Frozen instance gets no traffic there either).
    /// </summary>
    /// <returns>Whether it got Ready within <paramref name="timeout"/>, and how long it took; out of rotation still when it did not.</returns>
    public async Task<ReplacementResult> ReplaceAsync(RoleInstanceSpec spec, TimeSpan drain, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        SetRotation(inRotation: false);
        await Task.Delay(drain, _time, cancellationToken).ConfigureAwait(false);
        CancellationTokenSource wake;
        lock (_gate)
        {
            _spec = spec;
            wake = _wake;
        }

        // With no process to recycle (startup tasks, a restart delay) the next start takes the new spec anyway.
        if (!Recycle($"upgrade to {spec.PackageId ?? "the build output"}"))
        {
            await wake.CancelAsync().ConfigureAwait(false);
        }

        var ready = await WaitUntilAsync(() => ReferenceEquals(_launched, spec) && (IsServing() || _state == InstanceState.Frozen), timeout, cancellationToken).ConfigureAwait(false);
        if (ready)
        {
            SetRotation(inRotation: true);
        }

        var snapshot = Snapshot();
        return new ReplacementResult(InstanceId, ready, _time.GetElapsedTime(started), snapshot.Detail is null ? $"{snapshot.State}" : $"{snapshot.State}: {snapshot.Detail}", snapshot.State == InstanceState.Frozen);
    }

    /// <summary>Puts the instance back in the balancer's rotation (it takes traffic again when Ready).</summary>
    public void ReturnToRotation() => SetRotation(inRotation: true);

    /// <summary>Ready, or Busy from a StatusCheck after a first Ready; called under the lock.</summary>
    private bool IsServing() => _state == InstanceState.Ready || (_state == InstanceState.Busy && _readyOnce);

    private void SetRotation(bool inRotation)
    {
        lock (_gate)
        {
            if (_outOfRotation != inRotation)
            {
                return;
            }

            _outOfRotation = !inRotation;
        }

        _deployment.OnInstanceChanged(RoleName);
    }

    /// <summary>Completes every waiter of the last state change.</summary>
    private void PulseChanged()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>True as soon as <paramref name="done"/> (read under the lock) holds; false when it has not within <paramref name="timeout"/>.</summary>
    private async Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (done())
                {
                    return true;
                }

                changed = _changed.Task;
            }

            var left = TimeSpan.FromSeconds((double)(deadline - _time.GetTimestamp()) / _time.TimestampFrequency);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await changed.WaitAsync(left, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Checked once more above, then given up.
            }
        }
    }

    /// <summary>Waits out a restart delay; false when the instance was stopped meanwhile. A replacement cuts it short.</summary>
    private async Task<bool> RestartDelayAsync(TimeSpan delay)
    {
        CancellationTokenSource wake;
        lock (_gate)
        {
            wake = _wake;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, wake.Token);
        try
        {
            await Task.Delay(delay, _time, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return false;
        }
        catch (OperationCanceledException) when (wake.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (ReferenceEquals(_wake, wake))
                {
                    _wake = new CancellationTokenSource();
                }
            }
        }

        return true;
    }
}
