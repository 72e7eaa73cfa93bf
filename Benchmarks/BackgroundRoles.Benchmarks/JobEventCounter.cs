using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// A logger factory for a <see cref="Jobs.QueueProcessor"/> that formats nothing and only counts the processor's
/// events by id: the processor logs <c>JobSucceeded</c> (5011, Debug) after the message's delete, so the N-th one
/// marks the moment the N-th job is fully done. <see cref="Failures"/> counts the events that mean a job did not
/// simply succeed (failed, poisoned, processing failed, lease lost).
/// </summary>
internal sealed class JobEventCounter : ILoggerFactory, ILogger
{
    public const int JobSucceeded = 5011;
    private static readonly int[] FailureEvents = [5012, 5013, 5017, 5018, 5026];

    private readonly ConcurrentDictionary<int, int> _counts = new();
    private readonly int _target;
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="target">How many <c>JobSucceeded</c> events complete <see cref="Reached"/>.</param>
    public JobEventCounter(int target) => _target = target;

    /// <summary>Completes when the target number of jobs succeeded.</summary>
    public Task Reached => _reached.Task;

    public int Succeeded => Count(JobSucceeded);

    public int Failures => FailureEvents.Sum(Count);

    public int Count(int eventId) => _counts.TryGetValue(eventId, out int count) ? count : 0;

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        int count = _counts.AddOrUpdate(eventId.Id, 1, static (_, value) => value + 1);
        if (eventId.Id == JobSucceeded && count >= _target)
        {
            _reached.TrySetResult();
        }
    }

    public void Dispose()
    {
    }
}
