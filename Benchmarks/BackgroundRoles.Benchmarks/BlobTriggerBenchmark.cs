using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Triggers;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Issue 14, blob trigger: how long after a blob is written its handler starts (p50/p99), at two scan intervals,
/// and how many blobs a second one instance handles from a backlog; against a plain loop that lists and reads the
/// same container at the same interval and parallelism. Both handlers read the blob.
/// </summary>
internal static class BlobTriggerBenchmark
{
    private static readonly TimeSpan[] Intervals = [TimeSpan.FromSeconds(1), JobDefaults.BlobScanInterval];
    private static readonly TimeSpan SampleTimeout = TimeSpan.FromSeconds(60);

    public static async Task<string> RunAsync(string root, int samples, int blobs)
    {
        var load = MachineLoad.Start();
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        var storage = JobStorage.Create(azurite.ConnectionString);
        var latency = new List<(TimeSpan Interval, Stats Trigger, Stats Plain)>();
        foreach (var interval in Intervals)
        {
            var (trigger, plain) = await LatencyAsync(storage, $"latency-{interval.TotalSeconds:F0}s", azurite.ConnectionString, interval, samples).ConfigureAwait(false);
            latency.Add((interval, trigger, plain));
        }

        var throughput = new List<(string Consumer, double PerSecond)>
        {
            ("plain loop, 4 reads at once", await ThroughputAsync(storage, "tp-plain", blobs, (container, started, ct) =>
                PlainBlobLoop.RunAsync(azurite.ConnectionString, container, TimeSpan.FromSeconds(1), JobDefaults.BlobMaxConcurrency, started, ct)).ConfigureAwait(false)),
            ($"`BlobTrigger`, MaxConcurrency {JobDefaults.BlobMaxConcurrency} (default)", await ThroughputAsync(storage, "tp-trigger", blobs, (container, started, ct) =>
                RunTriggerAsync(storage, container, TimeSpan.FromSeconds(1), JobDefaults.BlobMaxConcurrency, started, ct)).ConfigureAwait(false)),
            ("`BlobTrigger`, MaxConcurrency 16", await ThroughputAsync(storage, "tp-trigger16", blobs, (container, started, ct) =>
                RunTriggerAsync(storage, container, TimeSpan.FromSeconds(1), 16, started, ct)).ConfigureAwait(false)),
        };
        return Format(latency, throughput, samples, blobs, load);
    }

    /// <summary>Blobs written one at a time at random moments (0 to 1.5 s apart) while both consumers watch the container.</summary>
    private static async Task<(Stats Trigger, Stats Plain)> LatencyAsync(JobStorage storage, string container, string connectionString, TimeSpan interval, int samples)
    {
        await storage.EnsureContainerAsync(container, CancellationToken.None).ConfigureAwait(false);
        var triggerStarts = new ConcurrentDictionary<string, long>();
        var plainStarts = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var consumers = Task.WhenAll(
            RunTriggerAsync(storage, container, interval, JobDefaults.BlobMaxConcurrency, name => triggerStarts.TryAdd(name, Stopwatch.GetTimestamp()), stop.Token),
            PlainBlobLoop.RunAsync(connectionString, container, interval, JobDefaults.BlobMaxConcurrency, name => plainStarts.TryAdd(name, Stopwatch.GetTimestamp()), stop.Token));

        // Let both make their first (empty) scan, so every sample is a blob written while they run.
        await Task.Delay(interval * 2).ConfigureAwait(false);
        var random = new Random(14);
        var written = new Dictionary<string, long>();
        for (var i = 0; i < samples; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 1500))).ConfigureAwait(false);
            var name = $"sample-{i:D4}.bin";
            await UploadAsync(storage, container, name).ConfigureAwait(false);
            written[name] = Stopwatch.GetTimestamp();
        }

        var deadline = Stopwatch.StartNew();
        while ((triggerStarts.Count < samples || plainStarts.Count < samples) && deadline.Elapsed < SampleTimeout)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await consumers.ConfigureAwait(false);
        if (triggerStarts.Count < samples || plainStarts.Count < samples)
        {
            throw new TimeoutException($"Only {triggerStarts.Count} (trigger) and {plainStarts.Count} (plain loop) of {samples} blobs were handled within {SampleTimeout}.");
        }

        return (Latencies(written, triggerStarts), Latencies(written, plainStarts));
    }

    /// <summary>A backlog of <paramref name="blobs"/> written before the consumer starts: blobs per second from its start to the last handler start.</summary>
    private static async Task<double> ThroughputAsync(JobStorage storage, string container, int blobs, Func<string, Action<string>, CancellationToken, Task> consumer)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, blobs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await UploadAsync(storage, container, $"backlog-{i:D5}.bin").ConfigureAwait(false)).ConfigureAwait(false);
        var handled = new ConcurrentDictionary<string, byte>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var running = consumer(container, name =>
        {
            if (handled.TryAdd(name, 0) && handled.Count >= blobs)
            {
                done.TrySetResult();
            }
        }, stop.Token);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        var elapsed = watch.Elapsed;
        await stop.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
        return blobs / elapsed.TotalSeconds;
    }

    /// <summary>One trigger under a supervisor of its own, as a role runs it; its handler reads the blob like the plain loop.</summary>
    private static async Task RunTriggerAsync(JobStorage storage, string container, TimeSpan interval, int concurrency, Action<string> started, CancellationToken ct)
    {
        var options = new BlobTriggerOptions { Container = container, InstanceId = "bench", ScanInterval = interval, MaxConcurrency = concurrency };
        var trigger = new BlobTrigger(storage, options, async (change, token) =>
        {
            started(change.Name);
            await storage.Blobs.DownloadAsync(change.Container, change.Name, token).ConfigureAwait(false);
            return JobResult.Success;
        }, NullLoggerFactory.Instance);
        var supervisor = new Supervisor(new SupervisorOptions { StopBudget = TimeSpan.FromSeconds(10) }, NullLogger<Supervisor>.Instance);
        supervisor.Add(trigger, new RestartPolicy());
        await supervisor.RunAsync(ct).ConfigureAwait(false);
    }

    private static async Task UploadAsync(JobStorage storage, string container, string name)
    {
        using var content = new MemoryStream(new byte[1024]);
        await storage.Blobs.UploadAsync(container, name, content, "application/octet-stream", CancellationToken.None).ConfigureAwait(false);
    }

    private static Stats Latencies(Dictionary<string, long> written, ConcurrentDictionary<string, long> started) =>
        new(written.Select(pair => Stopwatch.GetElapsedTime(pair.Value, started[pair.Key]).TotalMilliseconds));

    private static string Format(List<(TimeSpan Interval, Stats Trigger, Stats Plain)> latency, List<(string Consumer, double PerSecond)> throughput, int samples, int blobs, MachineLoad load)
    {
        static string Row(Stats stats) => $"{Stats.Ms(stats.Median, 0)} | {Stats.Ms(stats.Percentile(99), 0)} | {Stats.Ms(stats.Min, 0)} | {Stats.Ms(stats.Max, 0)}";
        var text = new StringBuilder();
        text.AppendLine("### Blob trigger: latency and throughput (issue 14)");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine($"Latency: {samples} blobs of 1 KB written one at a time, 0 to 1.5 s apart, while one `BlobTrigger` and the plain loop " +
            "(list, then read each version not seen yet, remembered in memory) watch the same container at the same scan interval; " +
            "from the upload's return to the handler's start.");
        text.AppendLine();
        text.AppendLine("| scan interval | consumer | p50 ms | p99 ms | min ms | max ms |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|");
        foreach (var (interval, trigger, plain) in latency)
        {
            text.AppendLine($"| {interval.TotalSeconds:F0} s | `BlobTrigger` (receipt claim, then the handler) | {Row(trigger)} |");
            text.AppendLine($"| {interval.TotalSeconds:F0} s | baseline: plain list-and-read loop | {Row(plain)} |");
        }

        text.AppendLine();
        text.AppendLine($"Throughput: a backlog of {blobs} blobs of 1 KB written before the consumer starts (1 s scans); blobs per second from its start to the last handler start. " +
            "Each trigger version costs a conditional insert (its claim), the Running status (a read and a write), the outcome's status (group-committed) and the receipt's final replace, besides the read; the plain loop only reads.");
        text.AppendLine();
        text.AppendLine("| consumer | blobs/s |");
        text.AppendLine("|---|---:|");
        foreach (var (consumer, perSecond) in throughput)
        {
            text.AppendLine($"| {consumer} | {perSecond:F0} |");
        }

        return text.ToString();
    }
}
