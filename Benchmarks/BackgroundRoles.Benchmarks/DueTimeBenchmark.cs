using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using BackgroundRoles.Jobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Due-time precision (issue 14): jobs submitted with <see cref="SubmitOptions.RunAt"/> 1 to 10 s ahead (a seeded
/// random spread), and how late each handler starts after its due time. Two processors, each on a queue of its own,
/// take the same schedule of jobs: one with the default polling (100 ms to 10 s), one with MaxPollingInterval 1 s,
/// since an idle queue's backed-off polling is part of what a due job waits. A job that starts early counts as such.
/// </summary>
internal static class DueTimeBenchmark
{
    private const string JobType = "due";
    private static readonly TimeSpan MinAhead = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxAhead = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FastMaxPolling = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SampleTimeout = TimeSpan.FromSeconds(60);

    public static async Task<string> RunAsync(string root, int jobs)
    {
        var load = MachineLoad.Start();
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        var storage = JobStorage.Create(azurite.ConnectionString);
        const string defaultQueue = "due-default";
        const string fastQueue = "due-fast";
        await storage.EnsureQueueAsync(defaultQueue, CancellationToken.None).ConfigureAwait(false);
        await storage.EnsureQueueAsync(fastQueue, CancellationToken.None).ConfigureAwait(false);

        var started = new ConcurrentDictionary<string, TaskCompletionSource<DateTimeOffset>>();
        TaskCompletionSource<DateTimeOffset> Waiter(string jobId) => started.GetOrAdd(jobId, _ => new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously));
        var handler = new QueueJobs.Handler(JobType, (context, _) =>
        {
            Waiter(context.JobId).TrySetResult(DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        });
        var defaults = new QueueProcessorOptions { Name = defaultQueue, Queues = [defaultQueue] };
        var fast = new QueueProcessorOptions { Name = fastQueue, Queues = [fastQueue], MaxPollingInterval = FastMaxPolling };
        long begin = Stopwatch.GetTimestamp();
        List<double> defaultMs;
        List<double> fastMs;
        await using (var running = new QueueJobs.Running(storage, [(defaults, (IJobHandler)handler), (fast, handler)], NullLoggerFactory.Instance))
        {
            // Both queues idle long enough for their polling to back off, as a due job's queue usually is.
            await Task.Delay(TimeSpan.FromSeconds(16)).ConfigureAwait(false);
            var lanes = await Task.WhenAll(LaneAsync(storage, defaultQueue, jobs, Waiter, 14), LaneAsync(storage, fastQueue, jobs, Waiter, 14)).ConfigureAwait(false);
            defaultMs = lanes[0];
            fastMs = lanes[1];
            running.ThrowIfEnded();
        }

        return Format(new Stats(defaultMs), new Stats(fastMs), defaults, jobs, Stopwatch.GetElapsedTime(begin), load);
    }

    /// <summary>Submits every job at once (8 at a time), each due a seeded 1 to 10 s ahead; returns each handler's lateness after its due time.</summary>
    private static async Task<List<double>> LaneAsync(JobStorage storage, string queue, int count, Func<string, TaskCompletionSource<DateTimeOffset>> waiter, int seed)
    {
        var random = new Random(seed);
        var aheads = Enumerable.Range(0, count).Select(_ => MinAhead + ((MaxAhead - MinAhead) * random.NextDouble())).ToArray();
        var due = new (string JobId, DateTimeOffset DueAt)[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var dueAt = DateTimeOffset.UtcNow + aheads[i];
            var submission = await storage.Jobs.SubmitAsync(queue, JobType, "{}", new SubmitOptions { RunAt = dueAt }, ct).ConfigureAwait(false);
            due[i] = (submission.JobId, dueAt);
        }).ConfigureAwait(false);
        var lateness = new List<double>(count);
        foreach (var (jobId, dueAt) in due)
        {
            var startedAt = await waiter(jobId).Task.WaitAsync(SampleTimeout).ConfigureAwait(false);
            lateness.Add((startedAt - dueAt).TotalMilliseconds);
        }

        return lateness;
    }

    private static string Format(Stats defaults, Stats fast, QueueProcessorOptions options, int jobs, TimeSpan elapsed, MachineLoad load)
    {
        var text = new StringBuilder();
        text.AppendLine("### Due-time precision");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine($"{jobs} jobs per queue submitted at once with `SubmitOptions.RunAt` a seeded random 1 to 10 s ahead (the same schedule on both " +
            "queues): each job's Scheduled record, then its message, sent hidden for the wait in whole seconds rounded down (the queue service takes " +
            "whole seconds); the processor holds a message taken up to 2 s early until its due time. Both queues had been idle for 16 s first, " +
            $"so their polling had backed off. One Azurite, one process, {Stats.Ms(elapsed.TotalSeconds, 0)} s in all. Lateness: handler start " +
            "minus due time, on one clock (the processor claims a job with a due time, one status read and write, before its handler). " +
            "Percentiles are nearest-rank (under 100 samples, p99 is the largest).");
        text.AppendLine();
        text.AppendLine("| processor | jobs | early | p50 ms late | p99 ms late | min ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        text.AppendLine($"| default polling ({options.MinPollingInterval.TotalMilliseconds:F0} ms to {options.MaxPollingInterval.TotalSeconds:F0} s) | {Row(defaults)} |");
        text.AppendLine($"| MaxPollingInterval {FastMaxPolling.TotalSeconds:F0} s | {Row(fast)} |");
        return text.ToString();

        static string Row(Stats stats) =>
            $"{stats.Count} | {stats.Samples.Count(ms => ms < 0)} | {Stats.Ms(stats.Median, 0)} | {Stats.Ms(stats.Percentile(99), 0)} | {Stats.Ms(stats.Min, 0)} | {Stats.Ms(stats.Max, 0)}";
    }
}
