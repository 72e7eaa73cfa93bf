using BackgroundRoles.ServiceRuntime;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Hosting.Internal;

/// <summary>
/// The lifecycle of one role instance in its process, as on Cloud Services:
/// OnStart (Busy) → Ready → Run on its own thread → on a stop request, a recycle request or Run returning:
/// Stopping, then OnStop, within the stop budget → exit code. An exception from OnStart or Run ends the
/// instance at once, without Stopping or OnStop. Whoever controls the process (signals now, the emulator's
/// control channel later) calls <see cref="RequestStop"/> and <see cref="RoleInstanceEnvironment.ApplySettings"/>.
/// </summary>
internal sealed class RoleInstanceHost
{
    private readonly RoleInstanceEnvironment _environment;
    private readonly RoleEntryPoint _entryPoint;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource<string> _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _recycleRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RoleInstanceStatus _lastStatus = RoleInstanceStatus.Busy;

    public RoleInstanceHost(RoleInstanceEnvironment environment, RoleEntryPoint entryPoint, ILogger logger, TimeProvider time)
    {
        _environment = environment;
        _entryPoint = entryPoint;
        _logger = logger;
        _time = time;
        _environment.RecycleRequested += (_, _) => _recycleRequested.TrySetResult();
    }

    /// <summary>Asks the instance to stop: Stopping, then OnStop, then exit 0. Safe from any thread, more than once.</summary>
    public void RequestStop(string reason) => _stopRequested.TrySetResult(reason);

    /// <summary>Runs the whole lifecycle on the calling thread and returns the process exit code.</summary>
    public int Run()
    {
        var started = _time.GetTimestamp();
        RoleHostLog.Starting(_logger, _environment.CurrentRoleInstance.Id, _environment.DeploymentId);
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
            return Stop("RequestRecycle", RoleHostExitCodes.Recycle);
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

    private void CheckStatus()
    {
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

        if (status != _lastStatus)
        {
            _lastStatus = status;
            RoleHostLog.StatusChanged(_logger, status);
        }
    }
}
