using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>A processor running on its own until disposed (which stops it and waits for its drain).</summary>
internal sealed class RunningProcessor : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private int _heartbeats;

    private RunningProcessor(QueueProcessor processor, TimeProvider timeProvider)
    {
        Processor = processor;
        Completion = Task.Run(() => processor.RunAsync(() => Interlocked.Increment(ref _heartbeats), timeProvider, _stop.Token));
    }

    public QueueProcessor Processor { get; }

    public Task Completion { get; }

    public int Heartbeats => Volatile.Read(ref _heartbeats);

    /// <summary>Options that keep tests fast: short polls, a 2 second visibility timeout, 1 second retry delay.</summary>
    public static QueueProcessorOptions FastOptions(params string[] queues) => new()
    {
        Queues = queues,
        MinPollingInterval = TimeSpan.FromMilliseconds(50),
        MaxPollingInterval = TimeSpan.FromMilliseconds(200),
        VisibilityTimeout = TimeSpan.FromSeconds(2),
        RetryDelay = TimeSpan.FromSeconds(1),
        MaxDequeueCount = 3,
        DrainTimeout = TimeSpan.FromSeconds(1),
        OrderingRetryDelay = TimeSpan.FromSeconds(1),
        RunOnceLease = TimeSpan.FromSeconds(10),
        DiscoveryInterval = TimeSpan.FromMilliseconds(500),
    };

    public static RunningProcessor Start(JobStorage storage, QueueProcessorOptions options, IEnumerable<IJobHandler> handlers, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null) =>
        new(storage.CreateProcessor(options, handlers, loggerFactory ?? NullLoggerFactory.Instance, timeProvider), timeProvider ?? TimeProvider.System);

    /// <summary>A processor created without a clock of its own, run on <paramref name="clock"/>: as a supervisor runs it with its context's clock.</summary>
    public static RunningProcessor StartOnClock(JobStorage storage, QueueProcessorOptions options, TimeProvider clock, params IJobHandler[] handlers) =>
        new(storage.CreateProcessor(options, handlers, NullLoggerFactory.Instance), clock);

    public static RunningProcessor Start(JobStorage storage, QueueProcessorOptions options, params IJobHandler[] handlers) =>
        Start(storage, options, handlers, timeProvider: null);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Completion.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
