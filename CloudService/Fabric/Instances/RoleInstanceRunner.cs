using BackgroundRoles.Fabric.Channel;
using BackgroundRoles.Fabric.StartupTasks;
using BackgroundRoles.Hosting;
using BackgroundRoles.Hosting.Protocol;
using BackgroundRoles.Supervision;

namespace BackgroundRoles.Fabric.Instances;

/// <summary>
/// Keeps one role instance running, as the fabric does: Starting (startup tasks, then the role process) →
/// Busy (OnStart) → Ready/Busy (StatusCheck) → Stopping → Recycling (foreground tasks, crash-loop backoff) →
/// Starting again, until the instance is stopped (deployment stop, scale down). The state is kept here and
/// published through the deployment; the process is driven through its control channel.
/// </summary>
internal sealed partial class RoleInstanceRunner
{
    private readonly LocalDeployment _deployment;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _kill = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _changes = new(1, 1);
    private RoleInstanceSpec _spec;
    private InstanceState _state = InstanceState.Starting;
    private string? _detail;
    private DateTimeOffset _since;
    private DateTimeOffset? _nextStartAt;
    private int _restarts;
    private int? _processId;
    private DateTimeOffset? _lastStartedAt;
    private int? _lastExitCode;
    private SupervisorHealthReport? _health;
    private InstanceConnection? _connection;
    private TaskCompletionSource<string>? _recycle;
    private bool _readyOnce;

    // The spec the current (or last) role process was started with: an upgraded instance is the one launched with the new spec.
    private RoleInstanceSpec? _launched;
    private bool _outOfRotation;

    // Completed and replaced at every state change, so a waiter sees each one.
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Cancelled to cut a restart delay short: a replacement starts at once, not after the crash-loop backoff.
    private CancellationTokenSource _wake = new();

    public RoleInstanceRunner(RoleInstanceSpec spec, int index, LocalDeployment deployment)
    {
        _spec = spec;
        Index = index;
        _deployment = deployment;
        _time = deployment.Options.TimeProvider;
        _since = _time.GetUtcNow();
    }

    public string InstanceId => _spec.Descriptor.InstanceId;

    public string RoleName => _spec.Descriptor.RoleName;

    /// <summary>The instance number N of <c>&lt;Role&gt;_IN_&lt;N&gt;</c>.</summary>
    public int Index { get; }

    public bool IsStopRequested => _stop.IsCancellationRequested;

    public RoleInstanceSpec Spec
    {
        get
        {
            lock (_gate)
            {
                return _spec;
            }
        }
    }

    /// <summary>True while the role process is connected to its control channel: a change reaches it live.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connection is not null;
            }
        }
    }

    public InstanceSnapshot Snapshot()
    {
        lock (_gate)
        {
            var d = _spec.Descriptor;
            var settled = _restarts == 0 || (_lastStartedAt is { } started && _time.GetUtcNow() - started >= _deployment.Options.SettleTime);
            return new InstanceSnapshot(
                InstanceId, RoleName, _state, _detail, d.UpdateDomain, d.FaultDomain, _restarts, _processId, _lastExitCode, _since, _nextStartAt, d.Endpoints, _health)
            {
                LastStartedAt = _lastStartedAt,
                // Busy in OnStart is not settled yet (OnStart may still throw); Busy from a StatusCheck is.
                Stable = settled && (_state is InstanceState.Ready or InstanceState.Frozen || (_state == InstanceState.Busy && _readyOnce)),
                Package = (_launched ?? _spec).PackageId,
                OutOfRotation = _outOfRotation,
            };
        }
    }

    /// <summary>Stops the instance for good: Stopping and OnStop within its budget, startup tasks get SIGTERM.</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Ends the instance at once (a second Ctrl+C).</summary>
    public void Kill()
    {
        _stop.Cancel();
        _kill.Cancel();
    }

    /// <summary>Recycles the running role process; false when there is none (it is starting or recycling already).</summary>
    public bool Recycle(string reason)
    {
        lock (_gate)
        {
            return _recycle is not null && _state is not InstanceState.Stopping && _recycle.TrySetResult(reason);
        }
    }

    /// <summary>Runs the instance until it is stopped.</summary>
    public async Task RunAsync()
    {
        var backoff = new CrashLoopBackoff(_deployment.Options);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (!await RunOnceAsync(backoff).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        finally
        {
            SetState(InstanceState.Stopped, null);
        }
    }

    /// <summary>One start: startup tasks, the process, then the restart delay. False when the instance is to stop.</summary>
    private async Task<bool> RunOnceAsync(CrashLoopBackoff backoff)
    {
        var started = _time.GetTimestamp();
        var spec = Spec;
        SetState(InstanceState.Starting, spec.StartupTasks.Count > 0 ? "startup tasks" : null);
        Say(_restarts == 0 ? "Starting" : $"Starting (restart {_restarts})");
        RoleProcess.PrepareLocalResources(spec);
        using var tasks = await StartupTaskSet.RunAsync(spec, line => Say(line), _time, _stop.Token).ConfigureAwait(false);
        var (exitCode, requested) = (default(int?), false);
        if (tasks.Failure is { } failure)
        {
            foreach (var line in failure.Split(Environment.NewLine))
            {
                Say(line);
            }
        }
        else if (!_stop.IsCancellationRequested)
        {
            (exitCode, requested) = await RunProcessAsync(started).ConfigureAwait(false);
        }

        if (!_stop.IsCancellationRequested && tasks.Foreground.Count > 0)
        {
            SetState(InstanceState.Recycling, "waiting for foreground startup tasks");
            Say($"waiting for {tasks.Foreground.Count} foreground startup task(s) to exit before it starts again");
            await tasks.WaitForForegroundAsync(_stop.Token).ConfigureAwait(false);
        }

        // Whatever the tasks of this start still run ends with it: the next start runs them again.
        await tasks.StopAsync(_kill.Token).ConfigureAwait(false);
        if (_stop.IsCancellationRequested)
        {
            return false;
        }

        var delay = requested ? TimeSpan.Zero : backoff.Next(_time.GetElapsedTime(started));
        var why = exitCode is int code ? $"exited with code {code} ({LocalDeployment.Describe(code)})" : "a startup task failed";
        Say($"{why}; Recycling: starting again in {delay.TotalSeconds:F1} s");
        SetState(InstanceState.Recycling, $"{why}; starting again in {delay.TotalSeconds:F1} s", _time.GetUtcNow() + delay);
        if (!await RestartDelayAsync(delay).ConfigureAwait(false))
        {
            return false;
        }

        lock (_gate)
        {
            _restarts++;
        }

        return true;
    }

    private void SetState(InstanceState state, string? detail, DateTimeOffset? nextStartAt = null)
    {
        lock (_gate)
        {
            if (_state == state && _detail == detail && _nextStartAt == nextStartAt)
            {
                return;
            }

            _state = state;
            _detail = detail;
            _nextStartAt = nextStartAt;
            _since = _time.GetUtcNow();
        }

        _deployment.OnInstanceChanged(RoleName);
        PulseChanged();
    }

    private void Say(string text) => _deployment.Say($"{InstanceId}: {text}");
}
