using BackgroundRoles.Hosting.Protocol;
using BackgroundRoles.ServiceRuntime;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Hosting.Internal;

/// <summary>
/// The lifecycle of one role instance in its process, as on Cloud Services:
/// OnStart (Busy) → Ready → Run on its own thread → on a stop request, a recycle request or Run returning:
/// Stopping, then OnStop, within the stop budget → exit code. An exception from OnStart or Run ends the
/// instance at once, without Stopping or OnStop. Whoever controls the process (signals, the emulator's
/// control channel) calls <see cref="RequestStop"/>, <see cref="RequestRecycle"/>, <see cref="ApplySettings"/> and
/// <see cref="ApplyTopology"/>, and follows <see cref="StatusChanged"/>.
/// Under the emulator (a control channel in the descriptor), an instance that starts with Freeze=true is parked
/// before OnStart (Frozen), so that even a role whose OnStart throws can be settled and swapped away from; Freeze=false
/// then runs OnStart. Outside it, Freeze stays the role's own business (the worker's supervisor parks its tasks).
/// </summary>
internal sealed class RoleInstanceHost
{
    private readonly RoleInstanceEnvironment _environment;
    private readonly RoleEntryPoint _entryPoint;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource<string> _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _recycleRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _unfrozen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _statusGate = new();
    private InstanceStatus _status = InstanceStatus.Starting;
    private volatile bool _started;

    public RoleInstanceHost(RoleInstanceEnvironment environment, RoleEntryPoint entryPoint, ILogger logger, TimeProvider time)
    {
        _environment = environment;
        _entryPoint = entryPoint;
        _logger = logger;
        _time = time;
        _environment.RecycleRequested += (_, _) => RequestRecycle("RequestRecycle");

        // A role that publishes its health (RoleSupervisor) has just changed what StatusCheck would say: ask now
        // rather than at the next interval, so that the fabric routes to it (or away from it) without delay.
        _environment.HealthPublished += (_, _) => CheckStatus();
    }

    /// <summary>
    /// Raised on every change of the instance's status: Busy when OnStart begins, then Ready or Busy as StatusCheck
    /// says, Stopping when the stop begins. Raised on the thread that made the change.
    /// </summary>
    public event EventHandler<InstanceStatus>? StatusChanged;

    /// <summary>Asks the instance to stop: Stopping, then OnStop, then exit 0. Safe from any thread, more than once.</summary>
    public void RequestStop(string reason) => _stopRequested.TrySetResult(reason);

    /// <summary>Asks the instance to recycle: Stopping, then OnStop, then the recycle exit code. Safe from any thread.</summary>
    public void RequestRecycle(string reason) => _recycleRequested.TrySetResult(reason);

    /// <summary>
    /// Applies new settings (<see cref="RoleInstanceEnvironment.ApplySettings"/>: Changing, then Changed) and, when
    /// they were applied, raises StatusCheck at once: a new setting may change what it says, and whoever watches
    /// the status should not wait a whole interval. False when a Changing handler cancelled.
    /// </summary>
    public bool ApplySettings(IReadOnlyDictionary<string, string> settings)
    {
        var applied = CheckStatusIfApplied(_environment.ApplySettings(settings));
        if (!IsFrozenBySetting())
        {
            _unfrozen.TrySetResult();
        }

        return applied;
    }

    /// <summary>
    /// Applies a new topology (<see cref="RoleInstanceEnvironment.ApplyTopology"/>: Changing, then Changed) and, when it
    /// was applied, raises StatusCheck at once, as <see cref="ApplySettings"/> does. False when a Changing handler cancelled.
    /// </summary>
    public bool ApplyTopology(IReadOnlyList<RoleTopologyDescriptor> roles) => CheckStatusIfApplied(_environment.ApplyTopology(roles));

    /// <summary>Runs the whole lifecycle on the calling thread and returns the process exit code.</summary>
    public int Run()
    {
        var started = _time.GetTimestamp();
        if (_environment.Descriptor.ControlChannel is not null && IsFrozenBySetting())
        {
            SetStatus(InstanceStatus.Frozen);
            RoleHostLog.Frozen(_logger);
            var parked = Task.WaitAny(_stopRequested.Task, _recycleRequested.Task, _unfrozen.Task);
            if (parked != 2)
            {
                // The role's code never ran: nothing to stop but the process.
                return parked == 0 ? RoleHostExitCodes.Stopped : RoleHostExitCodes.Recycle;
            }

            RoleHostLog.Unfrozen(_logger);
        }

        RoleHostLog.Starting(_logger, _environment.CurrentRoleInstance.Id, _environment.DeploymentId);
        SetStatus(InstanceStatus.Busy);
        bool startedOk;
        try
        {
            startedOk = _entryPoint.OnStart();
        }
        catch (Exception e)
        {
            RoleHostLog.UnhandledException(_logger, "OnStart", e);
            return RoleHostExitCodes.UnhandledException;
        }

        if (!startedOk)
        {
            RoleHostLog.OnStartReturnedFalse(_logger);
            return RoleHostExitCodes.OnStartFailed;
        }

        if (_stopRequested.Task.IsCompleted)
        {
            return Stop(_stopRequested.Task.Result, RoleHostExitCodes.Stopped);
        }

        RoleHostLog.Ready(_logger, _time.GetElapsedTime(started).TotalMilliseconds);
        _started = true;
        using var statusTimer = _time.CreateTimer(_ => CheckStatus(), null, TimeSpan.Zero, _environment.Descriptor.StatusCheckInterval);

        var runExited = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runThread = new Thread(() => RunEntryPoint(runExited)) { IsBackground = true, Name = "RoleEntryPoint.Run" };
        runThread.Start();

        var first = Task.WaitAny(_stopRequested.Task, _recycleRequested.Task, runExited.Task);
        if (first == 0)
        {
            return Stop(_stopRequested.Task.Result, RoleHostExitCodes.Stopped);
        }

        if (first == 1)
        {
            return Stop(_recycleRequested.Task.Result, RoleHostExitCodes.Recycle);
        }

        if (runExited.Task.Result is { } exception)
        {
            RoleHostLog.UnhandledException(_logger, "Run", exception);
            return RoleHostExitCodes.UnhandledException;
        }

        return Stop("Run returned", RoleHostExitCodes.Recycle);
    }

    private void RunEntryPoint(TaskCompletionSource<Exception?> exited)
    {
        RoleHostLog.RunEntered(_logger);
        try
        {
            _entryPoint.Run();
            exited.TrySetResult(null);
        }
        catch (Exception e)
        {
            exited.TrySetResult(e);
        }
    }

    /// <summary>Stopping, then OnStop, on a thread of their own so that the budget holds even if they hang.</summary>
    private int Stop(string reason, int exitCode)
    {
        var budget = _environment.StopBudget;
        SetStatus(InstanceStatus.Stopping);
        RoleHostLog.StoppingInstance(_logger, reason, budget.TotalSeconds);
        var started = _time.GetTimestamp();
        var stopThread = new Thread(() =>
        {
            try
            {
                _environment.RaiseStopping();
            }
            catch (Exception e)
            {
                RoleHostLog.StopStepFailed(_logger, "Stopping", e);
            }

            try
            {
                _entryPoint.OnStop();
            }
            catch (Exception e)
            {
                RoleHostLog.StopStepFailed(_logger, "OnStop", e);
            }
        })
        { IsBackground = true, Name = "RoleEntryPoint.OnStop" };
        stopThread.Start();

        if (!stopThread.Join(budget))
        {
            RoleHostLog.StopBudgetExceeded(_logger, budget.TotalSeconds);
            return RoleHostExitCodes.StopBudgetExceeded;
        }

        RoleHostLog.Stopped(_logger, _time.GetElapsedTime(started).TotalMilliseconds, exitCode);
        return exitCode;
    }

    /// <summary>True when the Freeze setting says true (an unreadable value is not a freeze: the role reports it).</summary>
    private bool IsFrozenBySetting() => Supervision.RoleSupervisor.TryReadFreeze(_environment, out var frozen) && frozen;

    private bool CheckStatusIfApplied(bool applied)
    {
        if (applied)
        {
            CheckStatus();
        }

        return applied;
    }

    private void CheckStatus()
    {
        if (!_started || Status == InstanceStatus.Stopping)
        {
            // Until OnStart returned true the instance is Busy by definition; once stopping, it stays Stopping.
            return;
        }

        RoleInstanceStatus status;
        try
        {
            status = _environment.CheckStatus();
        }
        catch (Exception e)
        {
            // A throwing StatusCheck handler takes the instance out of rotation rather than ending it.
            RoleHostLog.StatusCheckFailed(_logger, e);
            status = RoleInstanceStatus.Busy;
        }

        SetStatus(status == RoleInstanceStatus.Ready ? InstanceStatus.Ready : InstanceStatus.Busy, fromStatusCheck: true);
    }

    /// <summary>The instance's status now (what <see cref="StatusChanged"/> last said).</summary>
    public InstanceStatus Status
    {
        get
        {
            lock (_statusGate)
            {
                return _status;
            }
        }
    }

    private void SetStatus(InstanceStatus status, bool fromStatusCheck = false)
    {
        lock (_statusGate)
        {
            // Once stopping, a late StatusCheck must not bring the instance back into rotation.
            if (_status == status || (fromStatusCheck && _status == InstanceStatus.Stopping))
            {
                return;
            }

            _status = status;
            RoleHostLog.StatusChanged(_logger, status);
            StatusChanged?.Invoke(this, status);
        }
    }
}
