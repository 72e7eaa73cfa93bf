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
            }

            if (line.Contains(_readyMarker, StringComparison.Ordinal))
            {
                _ready.TrySetResult(at);
            }
        }

        _ready.TrySetResult(null);
    }
}
