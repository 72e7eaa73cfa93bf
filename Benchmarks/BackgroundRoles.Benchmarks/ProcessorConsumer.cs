using BackgroundRoles.Jobs;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Our <see cref="QueueProcessor"/> (under a supervisor, as a role runs it) with a no-op handler, default options but
/// <see cref="QueueProcessorOptions.TrackStatus"/> and, for a diagnostic row, <see cref="QueueProcessorOptions.PrefetchCount"/>; from just before its start to the N-th <c>JobSucceeded</c> event,
/// which the processor logs after the message's delete.
/// </summary>
internal sealed class ProcessorConsumer(JobStorage storage, CloudQueueClient queues, bool trackStatus, int prefetchCount = JobDefaults.PrefetchCount) : StorageQueueConsumer(storage, queues)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public override string Label => (trackStatus, prefetchCount) switch
    {
        (true, JobDefaults.PrefetchCount) => $"**`QueueProcessor`, default options: a status record per job (what the roles run; {JobDefaults.MaxConcurrency} handlers, batch {JobDefaults.MaxBatchSize}, prefetch {JobDefaults.PrefetchCount})**",
        (false, JobDefaults.PrefetchCount) => "`QueueProcessor`, `TrackStatus = false`, otherwise default options",
        _ => $"diagnostic: `QueueProcessor` with status records, `PrefetchCount = {prefetchCount}` (0: fetch by free handler slot only, as before the prefetch)",
    };

    public override async Task ConsumeAsync(string queue, int jobs, RowMeter meter)
    {
        var events = new JobEventCounter(jobs);
        var options = new QueueProcessorOptions { Name = queue, Queues = [queue], TrackStatus = trackStatus, PrefetchCount = prefetchCount };
        meter.Start();
        await using var running = new QueueJobs.Running(Storage, options, new QueueJobs.Handler(QueueJobs.NoopType, static (_, _) => Task.CompletedTask), events);
        await events.Reached.WaitAsync(Timeout).ConfigureAwait(false);
        meter.Stop();
        running.ThrowIfEnded();
        if (events.Failures > 0)
        {
            throw new InvalidOperationException($"The processor reported {events.Failures} failed jobs.");
        }
    }
}
