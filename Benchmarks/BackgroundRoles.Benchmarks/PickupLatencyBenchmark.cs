using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using BackgroundRoles.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
using Newtonsoft.Json.Linq;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Queue target 2: how long a job waits on an idle queue before its handler starts, with the processor's default
/// polling options (100 ms to 10 s, doubling with jitter). A sample is taken only after its queue has been empty
/// long enough for the polling to back off to the maximum, at a random moment. One processor per lane, many lanes
/// at once, so that enough samples fit in two minutes. Baseline in the same run: the classic template loop
/// (GetMessage, sleep 1 s when empty), in lanes of its own.
/// </summary>
internal static class PickupLatencyBenchmark
{
    /// <summary>Lanes of each kind; each takes its share of the samples in turn.</summary>
    private const int Lanes = 20;

    /// <summary>
    /// The quiet time before each sample: from the first empty poll the waits are 200, 400, ... 6400 ms (each ±20 %)
    /// before they reach the 10 s cap, 12.7 s in all (at most 15.3 s); then a random phase within the next 10 s.
    /// </summary>
    private static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(16);

    private static readonly TimeSpan RandomGap = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SampleTimeout = TimeSpan.FromSeconds(40);

    /// <summary>What a pickup may take beyond one polling interval: the submit's two calls, the poll, the status read and write.</summary>
    private static readonly TimeSpan BoundSlack = TimeSpan.FromMilliseconds(500);

    public static async Task<string> RunAsync(string root, int samples)
    {
        var load = MachineLoad.Start();
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        var storage = JobStorage.Create(azurite.ConnectionString);
        CloudQueueClient queues = CloudStorageAccount.Parse(azurite.ConnectionString).CreateCloudQueueClient();
        int perLane = (samples + Lanes - 1) / Lanes;
        var options = new QueueProcessorOptions();

        // Handler start times by job id, for both kinds of consumer.
        var started = new ConcurrentDictionary<string, TaskCompletionSource<long>>();
        TaskCompletionSource<long> Waiter(string jobId) => started.GetOrAdd(jobId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

        string[] processorQueues = [.. Enumerable.Range(0, Lanes).Select(i => $"pickup-processor-{i}")];
        string[] classicQueues = [.. Enumerable.Range(0, Lanes).Select(i => $"pickup-classic-{i}")];
        foreach (var queue in processorQueues.Concat(classicQueues))
        {
            await storage.EnsureQueueAsync(queue, CancellationToken.None).ConfigureAwait(false);
        }

        var handler = new QueueJobs.Handler(QueueJobs.NoopType, (context, _) =>
        {
            Waiter(context.JobId).TrySetResult(Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        });
        using var stopClassic = new CancellationTokenSource();
        long begin = Stopwatch.GetTimestamp();
        List<double> processorMs;
        List<double> classicMs;
        await using (var running = new QueueJobs.Running(storage, processorQueues.Select(queue => (new QueueProcessorOptions { Name = queue, Queues = [queue] }, (IJobHandler)handler)), NullLoggerFactory.Instance))
        {
            Task[] classicLoops = [.. classicQueues.Select(queue => ClassicLoopAsync(queues.GetQueueReference(queue), jobId => Waiter(jobId).TrySetResult(Stopwatch.GetTimestamp()), stopClassic.Token))];
            var processorLanes = processorQueues.Select((queue, i) => LaneAsync(storage, queue, perLane, Waiter, 1000 + i)).ToArray();
            var classicLanes = classicQueues.Select((queue, i) => LaneAsync(storage, queue, perLane, Waiter, 2000 + i)).ToArray();
            processorMs = [.. (await Task.WhenAll(processorLanes).ConfigureAwait(false)).SelectMany(lane => lane)];
            classicMs = [.. (await Task.WhenAll(classicLanes).ConfigureAwait(false)).SelectMany(lane => lane)];
            running.ThrowIfEnded();
            await stopClassic.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(classicLoops).ConfigureAwait(false);
        }

        return Format(new Stats(processorMs), new Stats(classicMs), options, perLane, Stopwatch.GetElapsedTime(begin), load);
    }

    /// <summary>One lane's samples: wait a quiet gap, submit one job, time from the submit's start to the handler's start.</summary>
    private static async Task<List<double>> LaneAsync(JobStorage storage, string queue, int count, Func<string, TaskCompletionSource<long>> waiter, int seed)
    {
        var random = new Random(seed);
        var latencies = new List<double>(count);
        for (int i = 0; i < count; i++)
        {
            await Task.Delay(MinimumGap + (RandomGap * random.NextDouble())).ConfigureAwait(false);
            long submitted = Stopwatch.GetTimestamp();
            string jobId = (await storage.Jobs.SubmitAsync(queue, QueueJobs.NoopType, "{}", null, CancellationToken.None).ConfigureAwait(false)).JobId;
            long handlerStarted = await waiter(jobId).Task.WaitAsync(SampleTimeout).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(submitted, handlerStarted).TotalMilliseconds);
        }

        return latencies;
    }

    /// <summary>The template's Run loop: GetMessage; a message is "handled" (its start recorded) and deleted; none, sleep 1 s.</summary>
    private static async Task ClassicLoopAsync(CloudQueue queue, Action<string> handlerStarts, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                CloudQueueMessage? message = await queue.GetMessageAsync(JobDefaults.VisibilityTimeout, null, null, stop).ConfigureAwait(false);
                if (message is null)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
                    continue;
                }

                handlerStarts((string)JObject.Parse(message.AsString)["jobId"]!);
                await queue.DeleteMessageAsync(message.Id, message.PopReceipt, null, null, stop).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (stop.IsCancellationRequested && exception is OperationCanceledException or StorageException)
        {
            // Stopped.
        }
    }

    private static string Format(Stats processor, Stats classic, QueueProcessorOptions options, int perLane, TimeSpan elapsed, MachineLoad load)
    {
        double maxMs = options.MaxPollingInterval.TotalMilliseconds;
        var text = new StringBuilder();
        text.AppendLine("### 5. Pickup latency on an idle queue");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine($"{Lanes} `QueueProcessor`s with default options (MinPollingInterval {options.MinPollingInterval.TotalMilliseconds:F0} ms, " +
            $"MaxPollingInterval {options.MaxPollingInterval.TotalSeconds:F0} s), each on a queue of its own, and {Lanes} classic template loops " +
            $"(GetMessage; sleep 1 s when empty) on queues of their own, all at once on one Azurite, in one process; {perLane} samples per lane, " +
            $"{Stats.Ms(elapsed.TotalSeconds, 0)} s in all. Before each sample the lane's queue stays empty for {MinimumGap.TotalSeconds:F0} s " +
            $"(the processor's waits reach the {options.MaxPollingInterval.TotalSeconds:F0} s cap after at most 15.3 s) plus a random 0 to {RandomGap.TotalSeconds:F0} s; " +
            "then one job is submitted with `JobClient.SubmitAsync` (status record, then the message). Latency: from the start of the submit to the start " +
            "of the handler (the processor makes no status call before a first delivery's handler: no read, and Running only after 1 s of handling). Percentiles are nearest-rank (under 100 samples, p99 is the largest).");
        text.AppendLine();
        text.AppendLine("| consumer | samples | p50 ms | p99 ms | min ms | max ms | mean ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        text.AppendLine($"| `QueueProcessor`, default polling | {Row(processor)} |");
        text.AppendLine($"| baseline: classic template loop (sleep 1 s when empty) | {Row(classic)} |");
        text.AppendLine($"| for scale: a poll every {options.MaxPollingInterval.TotalSeconds:F0} s at a random phase (uniform 0 to {maxMs:F0} ms) | | {Stats.Ms(maxMs * 0.5, 0)} | {Stats.Ms(maxMs * 0.99, 0)} | 0 | {maxMs:F0} | {Stats.Ms(maxMs * 0.5, 0)} |");
        text.AppendLine();
        text.AppendLine($"Processor ÷ classic loop: p50 {Stats.Ratio(processor.Median, classic.Median)}, p99 {Stats.Ratio(processor.Percentile(99), classic.Percentile(99))}. " +
            $"The processor's p99 is {Stats.Ms(processor.Percentile(99) / maxMs * 100, 0)} % of its MaxPollingInterval ({options.MaxPollingInterval.TotalSeconds:F0} s), " +
            $"its p50 {Stats.Ms(processor.Median / maxMs * 100, 0)} %.");
        text.AppendLine();
        bool bounded = processor.Percentile(99) <= maxMs + BoundSlack.TotalMilliseconds;
        text.AppendLine($"Target (the issue sets no number; judged here as: p99 within MaxPollingInterval + {BoundSlack.TotalMilliseconds:F0} ms for the storage calls): " +
            $"p50 {Stats.Ms(processor.Median, 0)} ms, p99 {Stats.Ms(processor.Percentile(99), 0)} ms, **{Report.Verdict(bounded)}**.");
        return text.ToString();

        static string Row(Stats stats) =>
            $"{stats.Count} | {Stats.Ms(stats.Median, 0)} | {Stats.Ms(stats.Percentile(99), 0)} | {Stats.Ms(stats.Min, 0)} | {Stats.Ms(stats.Max, 0)} | {Stats.Ms(stats.Samples.Average(), 0)}";
    }
}
