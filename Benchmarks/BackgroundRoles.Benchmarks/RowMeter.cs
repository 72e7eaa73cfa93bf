using System.Diagnostics;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// What one benchmark row costs between <see cref="Start"/> and <see cref="Stop"/>: wall time, the storage calls this
/// process sent (by service), and the CPU time of this process and of the Azurite process.
/// </summary>
internal sealed class RowMeter(StorageCallCounter calls, int azuriteProcessId)
{
    private long _startTimestamp;
    private long[] _startCalls = [];
    private TimeSpan _startSelf;
    private TimeSpan _startAzurite;

    /// <summary>The row's cost; set by <see cref="Stop"/>.</summary>
    public RowCost? Cost { get; private set; }

    public void Start()
    {
        _startCalls = calls.Read();
        _startSelf = SelfCpu();
        _startAzurite = AzuriteCpu();
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Stops the clock and returns the elapsed time.</summary>
    public TimeSpan Stop()
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(_startTimestamp);
        long[] now = calls.Read();
        Cost = new RowCost(elapsed, [.. now.Zip(_startCalls, (end, start) => end - start)], SelfCpu() - _startSelf, AzuriteCpu() - _startAzurite);
        return elapsed;
    }

    /// <summary>Takes back calls the harness itself made inside the window (checking a queue is empty), by service index.</summary>
    public void Discount(int service, long count)
    {
        if (Cost is { } cost)
        {
            long[] adjusted = [.. cost.Calls];
            adjusted[service] -= count;
            Cost = cost with { Calls = adjusted };
        }
    }

    private static TimeSpan SelfCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private TimeSpan AzuriteCpu()
    {
        using var azurite = Process.GetProcessById(azuriteProcessId);
        return azurite.TotalProcessorTime;
    }
}
