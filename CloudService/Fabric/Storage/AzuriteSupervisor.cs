namespace BackgroundRoles.Fabric.Storage;

/// <summary>
/// Keeps the Azurite that <c>run</c> started running: when its process exits (killed, crashed), says so and starts it
/// again on the same ports with the same data folder, after <see cref="FabricDefaults.StorageRestartDelay"/>, doubled
/// at each exit that follows a run shorter than <see cref="FabricDefaults.HealthyRun"/>, up to
/// <see cref="FabricDefaults.MaxStorageRestartDelay"/>; a start that fails is tried again the same way. Roles ride
/// through: their storage calls fail while it is down and are retried (<c>JobStorage</c>), and find the same account
/// and data on the same ports afterwards. Disposing it ends the supervision and the process.
/// </summary>
public sealed class AzuriteSupervisor : IDisposable
{
    private readonly Action<string> _say;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _supervising;
    private AzuriteProcess _current;

    private AzuriteSupervisor(AzuriteProcess first, Action<string> say, TimeProvider time)
    {
        _current = first;
        _say = say;
        _time = time;
        _supervising = Task.Run(SuperviseAsync);
    }

    /// <summary>The node process of the Azurite running now.</summary>
    public int ProcessId
    {
        get
        {
            lock (_gate)
            {
                return _current.ProcessId;
            }
        }
    }

    /// <summary>Supervises <paramref name="azurite"/>, which has just started; <paramref name="say"/> gets each line to show.</summary>
    public static AzuriteSupervisor Start(AzuriteProcess azurite, Action<string> say, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        ArgumentNullException.ThrowIfNull(say);
        return new AzuriteSupervisor(azurite, say, time ?? TimeProvider.System);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _supervising.GetAwaiter().GetResult();
        lock (_gate)
        {
            _current.Dispose();
        }

        _stop.Dispose();
    }

    private async Task SuperviseAsync()
    {
        var delay = FabricDefaults.StorageRestartDelay;
        var runningSince = _time.GetTimestamp();
        try
        {
            while (true)
            {
                AzuriteProcess exited;
                lock (_gate)
                {
                    exited = _current;
                }

                await exited.Exited.WaitAsync(_stop.Token).ConfigureAwait(false);
                if (_time.GetElapsedTime(runningSince) >= FabricDefaults.HealthyRun)
                {
                    delay = FabricDefaults.StorageRestartDelay;
                }

                _say($"Development storage: Azurite (process {exited.ProcessId}) exited with code {exited.ExitCode}; "
                    + $"restarting it in {delay.TotalSeconds:F0} s on the same ports and data (what it had not saved yet is lost)");
                var restarted = await RestartAsync(exited, delay).ConfigureAwait(false);
                delay = Next(delay);
                runningSince = _time.GetTimestamp();
                lock (_gate)
                {
                    _current = restarted;
                }

                exited.Dispose();

                _say($"Development storage: Azurite restarted (process {restarted.ProcessId}) on 127.0.0.1 ports {restarted.BlobPort}-{restarted.TablePort}");
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // run is ending: Dispose ends the process.
        }
    }

    /// <summary>Starts it again after <paramref name="delay"/>, and again with a longer wait each time the start fails.</summary>
    private async Task<AzuriteProcess> RestartAsync(AzuriteProcess previous, TimeSpan delay)
    {
        while (true)
        {
            await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false);
            try
            {
                return await AzuriteProcess.RestartAsync(previous, _stop.Token).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                delay = Next(delay);
                _say($"Development storage: Azurite could not be restarted ({e.Message}); trying again in {delay.TotalSeconds:F0} s");
            }
        }
    }

    private static TimeSpan Next(TimeSpan delay) =>
        TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, FabricDefaults.MaxStorageRestartDelay.Ticks));
}
