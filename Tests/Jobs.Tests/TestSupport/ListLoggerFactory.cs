using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>Keeps every log entry in memory, so a test can assert on it or show it when it fails.</summary>
internal sealed class ListLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public override string ToString() => string.Join(Environment.NewLine, Entries);

    private sealed class ListLogger(ListLoggerFactory factory) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            factory.Entries.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel} {eventId.Id} {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
    }
}
