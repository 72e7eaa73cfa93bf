using System.Collections.Concurrent;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Inspection;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>
/// Samples every queue's depth every <see cref="DashboardDefaults.DepthSampleInterval"/> for the sparklines, keeping
/// <see cref="DashboardDefaults.DepthHistory"/> of them per queue, so the memory it holds is bounded by the number of
/// queues. A storage failure skips a sample.
/// </summary>
internal sealed class QueueDepths(QueueInspector inspector, TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Queue<DepthSample>> _samples = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task _sampling = Task.CompletedTask;

    public void Start() => _sampling = Task.Run(() => SampleAsync(_stop.Token));

    /// <summary>The queue's depth samples, oldest first.</summary>
    public IReadOnlyList<DepthSample> History(string queueName)
    {
        if (!_samples.TryGetValue(queueName, out var samples))
        {
            return [];
        }

        lock (samples)
        {
            return [.. samples];
        }
    }

    /// <summary>Adds what a listing saw (the queue page lists too, so a fresh page has a point at once).</summary>
    public void Record(IEnumerable<QueueSummary> queues)
    {
        var now = time.GetUtcNow();
        foreach (var queue in queues)
        {
            var samples = _samples.GetOrAdd(queue.Name, _ => new Queue<DepthSample>());
            lock (samples)
            {
                samples.Enqueue(new DepthSample(now, queue.ApproximateDepth));
                while (samples.Count > 0 && now - samples.Peek().At > DashboardDefaults.DepthHistory)
                {
                    samples.Dequeue();
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                Record(await inspector.ListQueuesAsync(stop).ConfigureAwait(false));
                await Task.Delay(DashboardDefaults.DepthSampleInterval, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (JobStorageException)
            {
                // The storage is away; the sparkline has a gap there.
                await Task.Delay(DashboardDefaults.DepthSampleInterval, time, stop).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }
}
