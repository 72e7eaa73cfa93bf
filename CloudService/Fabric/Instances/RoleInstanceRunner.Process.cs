using BackgroundRoles.Fabric.Channel;
using BackgroundRoles.Hosting;
using BackgroundRoles.Hosting.Protocol;
using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Fabric.Instances;

/// <summary>The role process of one start, driven through its control channel.</summary>
internal sealed partial class RoleInstanceRunner
{
    /// <summary>
    /// Starts the role process and waits for it to exit, asking it to stop (this instance stops) or to recycle
    /// (<see cref="Recycle"/>) on the way. Returns its exit code, and whether the fabric asked for the recycle;
    /// a null exit code when the instance was stopped.
    /// </summary>
    private async Task<(int? ExitCode, bool Requested)> RunProcessAsync(long started)
    {
        var channels = _deployment.Channels;
        var registration = channels.Register(InstanceId);
        var recycle = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStop = _stop.Token.Register(() => stopped.TrySetResult());
        var spec = Spec;
        var launch = spec with { Descriptor = spec.Descriptor with { ControlChannel = channels.Describe(registration) } };
        using var process = RoleProcess.Start(launch, _deployment.Layout.InstanceDirectory(InstanceId));
        lock (_gate)
        {
            _processId = process.ProcessId;
            _lastStartedAt = _time.GetUtcNow();
            _health = null;
            _readyOnce = false;
            _recycle = recycle;
            _launched = spec;
            if (_wake.IsCancellationRequested)
            {
                // The wake-up was for this start; the next restart delay is a crash loop's again.
                _wake = new CancellationTokenSource();
            }
        }

        SetState(InstanceState.Starting, $"process {process.ProcessId}");
        Say($"process {process.ProcessId} started{LocalDeployment.EndpointList(spec)}");
        var exited = process.WaitForExitAsync();
        var watching = WatchChannelAsync(registration, spec.Descriptor, started);

        var first = await Task.WhenAny(exited, stopped.Task, recycle.Task).ConfigureAwait(false);
        if (first != exited)
        {
            var stopping = first == stopped.Task;
            var reason = stopping ? _deployment.StopReason : recycle.Task.Result;
            ChannelMessage message = stopping ? new StopMessage(reason) : new RecycleMessage(reason);
            Say(stopping ? $"stopping ({reason})" : $"recycling ({reason})");
            if (!await SendAsync(message).ConfigureAwait(false))
            {
                // No channel (the role host predates it, or it has not connected yet): SIGTERM is the same stop.
                process.RequestStop();
            }

            var budget = new RoleInstanceEnvironment(spec.Descriptor).StopBudget + _deployment.Options.KillGrace;
            var timeout = Task.Delay(budget, _time, _kill.Token);
            if (await Task.WhenAny(exited, timeout).ConfigureAwait(false) != exited)
            {
                Say(_kill.IsCancellationRequested ? "ending it now" : $"did not stop within {budget.TotalSeconds:F0} s; ending it");
                process.Kill();
            }
        }

        var exitCode = await exited.ConfigureAwait(false);
        lock (_gate)
        {
            _processId = null;
            _lastExitCode = exitCode;
            _connection = null;
            _recycle = null;
        }

        registration.Dispose();
        await watching.ConfigureAwait(false);
        if (_stop.IsCancellationRequested)
        {
            // Stopped by the fabric, or by Ctrl+C reaching every process of the terminal.
            Say($"stopped (exit code {exitCode})");
            return (null, false);
        }

        return (exitCode, first == recycle.Task);
    }

    private async Task<bool> SendAsync(ChannelMessage message)
    {
        InstanceConnection? connection;
        lock (_gate)
        {
            connection = _connection;
        }

        return connection is not null && await connection.SendAsync(message).ConfigureAwait(false);
    }

    private async Task WatchChannelAsync(ChannelRegistration registration, RoleInstanceDescriptor launched, long started)
    {
        InstanceConnection connection;
        try
        {
            connection = await registration.Connected.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The process ended without connecting.
            return;
        }

        RoleInstanceDescriptor current;
        lock (_gate)
        {
            if (_recycle is null)
            {
                return;
            }

            _connection = connection;
            current = _spec.Descriptor;
        }

        connection.Start(message => OnMessage(message, started));
        await CatchUpAsync(launched, current).ConfigureAwait(false);
    }

    private void OnMessage(ChannelMessage message, long started)
    {
        switch (message)
        {
            case StatusMessage { Status: var status }:
                OnStatus(status, started);
                break;
            case HealthMessage { Report: var report }:
                lock (_gate)
                {
                    _health = report;
                }

                _deployment.OnInstanceChanged(RoleName);
                break;
            case RecycleRequestedMessage:
                Say("the role called RequestRecycle");
                break;
        }
    }

    private void OnStatus(InstanceStatus status, long started)
    {
        bool firstReady;
        lock (_gate)
        {
            firstReady = status == InstanceStatus.Ready && !_readyOnce;
            _readyOnce |= firstReady;
        }

        switch (status)
        {
            case InstanceStatus.Busy when !_readyOnce:
                SetState(InstanceState.Busy, "OnStart");
                Say("OnStart (Busy)");
                break;
            case InstanceStatus.Busy:
                SetState(InstanceState.Busy, "StatusCheck");
                Say("Busy (StatusCheck)");
                break;
            case InstanceStatus.Ready:
                SetState(InstanceState.Ready, null);
                Say(firstReady ? $"Ready in {_time.GetElapsedTime(started).TotalSeconds:F1} s" : "Ready");
                break;
            case InstanceStatus.Stopping:
                SetState(InstanceState.Stopping, null);
                Say("Stopping");
                break;
            case InstanceStatus.Starting:
                SetState(InstanceState.Starting, "connected");
                break;
            case InstanceStatus.Frozen:
                SetState(InstanceState.Frozen, "Freeze=true: parked before OnStart");
                Say("Frozen (Freeze=true: parked before OnStart and Run)");
                break;
        }
    }
}
