using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Supervision.Tests.TestSupport;

internal sealed record LogEntry(LogLevel Level, int EventId, string Message, Exception? Exception);

/// <summary>Collects log entries so tests can check levels and event ids, and wait for one to be written.</summary>
internal sealed class ListLogger : ILogger<Supervisor>
{
    private readonly object _gate = new();
    private readonly List<LogEntry> _entries = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _entries.Add(new LogEntry(logLevel, eventId.Id, formatter(state, exception), exception));
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public async Task<LogEntry> WaitForAsync(int eventId)
    {
        using var guard = new CancellationTokenSource(TestTimeouts.Guard);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_entries.FirstOrDefault(entry => entry.EventId == eventId) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(guard.Token);
        }
    }
}
