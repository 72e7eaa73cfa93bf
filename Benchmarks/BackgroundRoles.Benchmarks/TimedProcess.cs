using System.Diagnostics;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// A child process whose standard output lines are timestamped as they arrive, measured from just before the
/// process was started. <see cref="Ready"/> completes with the time of the first line containing the ready marker,
/// or null if the output ended without one.
/// </summary>
internal sealed class TimedProcess : IDisposable
{
    private readonly Process _process;
    private readonly long _startedAt;
    private readonly string _readyMarker;
    private readonly List<(TimeSpan At, string Line)> _lines = [];
    private readonly TaskCompletionSource<TimeSpan?> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<LineWaiter> _waiters = [];
    private bool _outputEnded;
    private readonly Task _stdout;
    private readonly Task<string> _stderr;

    private TimedProcess(ProcessStartInfo startInfo, string readyMarker)
    {
        _readyMarker = readyMarker;
        _startedAt = Stopwatch.GetTimestamp();
        _process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");

        // A thread of its own, so that a busy thread pool never delays a line's timestamp.
        _stdout = Task.Factory.StartNew(ReadStdout, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    public Task<TimeSpan?> Ready => _ready.Task;

    /// <summary>The time since just before the process was started, on the clock of the line timestamps.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startedAt);

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line so far, with when it arrived.</summary>
    public IReadOnlyList<(TimeSpan At, string Line)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public static TimedProcess Start(string workingDirectory, string fileName, IEnumerable<string> arguments, string readyMarker)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return new TimedProcess(startInfo, readyMarker);
    }

    /// <summary>When the first line containing <paramref name="marker"/> arrived, or null if none did.</summary>
    public TimeSpan? TimeOf(string marker)
    {
        lock (_lines)
        {
            return _lines.Where(entry => entry.Line.Contains(marker, StringComparison.Ordinal)).Select(entry => (TimeSpan?)entry.At).FirstOrDefault();
        }
    }

    /// <summary>When the first line containing <paramref name="marker"/> arrived at or after <paramref name="after"/>, or null if none did.</summary>
    public TimeSpan? TimeOf(string marker, TimeSpan after)
    {
        lock (_lines)
        {
            return _lines.Where(entry => entry.At >= after && entry.Line.Contains(marker, StringComparison.Ordinal)).Select(entry => (TimeSpan?)entry.At).FirstOrDefault();
        }
    }

    /// <summary>
    /// Waits for the first line containing <paramref name="marker"/> that arrives at or after <paramref name="after"/>
    /// (one that already did counts); its time, or null when the output ended or <paramref name="timeout"/> passed first.
    /// </summary>
    public async Task<TimeSpan?> WaitForLineAsync(string marker, TimeSpan after, TimeSpan timeout)
    {
        var waiter = new LineWaiter(marker, after);
        lock (_lines)
        {
            if (TimeOf(marker, after) is { } seen)
            {
                return seen;
            }

            if (_outputEnded)
            {
                return null;
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Seen.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            lock (_lines)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>The ready line's time, or null when the process ended or <paramref name="timeout"/> passed first.</summary>
    public async Task<TimeSpan?> WaitReadyAsync(TimeSpan timeout)
    {
        try
        {
            return await _ready.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Sends SIGTERM if the process still runs, and waits for it to exit.</summary>
    public async Task<(int ExitCode, TimeSpan StopTime)> TerminateAsync(TimeSpan timeout)
    {
        long signalledAt = Stopwatch.GetTimestamp();
        if (!_process.HasExited)
        {
            NativeMethods.TryTerminate(_process.Id);
        }

        int exitCode = await WaitForExitAsync(timeout).ConfigureAwait(false);
        return (exitCode, Stopwatch.GetElapsedTime(signalledAt));
    }

    /// <summary>Waits for the process to exit and its output to end; kills it after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{_process.StartInfo.FileName} did not exit within {timeout}.\n{Transcript()}");
        }

        await _stdout.ConfigureAwait(false);
        await _stderr.ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Standard error, once the process has exited.</summary>
    public string StandardError => _stderr.IsCompletedSuccessfully ? _stderr.Result : string.Empty;

    /// <summary>Everything the process printed so far, for error messages.</summary>
    public string Transcript()
    {
        lock (_lines)
        {
            return string.Join('\n', _lines.Select(entry => entry.Line)) + "\n" + StandardError;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void ReadStdout()
    {
        while (_process.StandardOutput.ReadLine() is { } line)
        {
            TimeSpan at = Stopwatch.GetElapsedTime(_startedAt);
            lock (_lines)
            {
                _lines.Add((at, line));
                foreach (var waiter in _waiters.Where(waiter => at >= waiter.After && line.Contains(waiter.Marker, StringComparison.Ordinal)))
                {
                    waiter.Seen.TrySetResult(at);
                }
            }

            if (line.Contains(_readyMarker, StringComparison.Ordinal))
            {
                _ready.TrySetResult(at);
            }
        }

        _ready.TrySetResult(null);
        lock (_lines)
        {
            _outputEnded = true;
            foreach (var waiter in _waiters)
            {
                waiter.Seen.TrySetResult(null);
            }
        }
    }

    private sealed record LineWaiter(string Marker, TimeSpan After)
    {
        public TaskCompletionSource<TimeSpan?> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
