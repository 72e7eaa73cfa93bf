using System.Diagnostics;
using System.Text;
using BackgroundRoles.Jobs;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
using Newtonsoft.Json.Linq;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Queue target 1: no-op jobs per second through a <see cref="QueueProcessor"/>, with and without status records, against
/// a hand-written tight batched loop with the same SDK and the same concurrency, and the classic worker role
/// template loop; each drains a queue pre-filled with the same number of <see cref="JobClient"/>-submitted jobs on
/// one Azurite. The processor with status records (the default) is also compared with the tight loop making the
/// same status-record calls, so each comparison is between consumers that make the same storage calls.
/// </summary>
internal static class QueueThroughputBenchmark
{
    private const int WarmUpJobs = 64;
    private const int Concurrency = JobDefaults.MaxConcurrency;
    private const double Target = 0.9;
    private static readonly TimeSpan Visibility = JobDefaults.VisibilityTimeout;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private sealed record Variant(string Label, string Queue, Func<JobStorage, CloudQueue, int, Task<TimeSpan>> Run);

    private sealed record Result(Variant Variant, int Jobs, TimeSpan Elapsed)
    {
        public double PerSecond => Jobs / Elapsed.TotalSeconds;
    }

    public static async Task<string> RunAsync(string root, int jobs)
    {
        var load = MachineLoad.Start();
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        var storage = JobStorage.Create(azurite.ConnectionString);
        CloudQueueClient queues = CloudStorageAccount.Parse(azurite.ConnectionString).CreateCloudQueueClient();

        Variant tight = new($"baseline: tight batched loop, SDK only (GetMessages up to 32 by free slot, Delete; {Concurrency} at once)", "bench-tight", (_, queue, n) => TightLoopAsync(queue, n, null));
        Variant processor = new($"`QueueProcessor`, `TrackStatus = false` (the same storage calls as the tight loop), otherwise default options ({Concurrency} handlers, batch 32), no-op handler", "bench-processor", (s, _, n) => ProcessorAsync(s, "bench-processor", n, trackStatus: false));
        Variant classic = new("classic worker role template loop (GetMessage, Delete, one at a time; sleep 1 s when empty)", "bench-classic", (_, queue, n) => ClassicLoopAsync(queue, n));
        Variant tracked = new("`QueueProcessor`, default options: a status record per job (Running, Succeeded)", "bench-tracked", (s, _, n) => ProcessorAsync(s, "bench-tracked", n, trackStatus: true));
        Variant statusLoop = new("baseline for the row above: tight batched loop + the same 3 status-record calls per job (read, replace Running, replace Succeeded)", "bench-statusloop", (s, queue, n) => TightLoopAsync(queue, n, StatusCalls(s)));
        Variant[] variants = [tight, processor, classic, tracked, statusLoop];

        var results = new List<Result>();
        foreach (var variant in variants)
        {
            // An unmeasured warm-up run of each (JIT, connections, the queue and tables), then the measured one.
            await MeasureAsync(storage, queues, variant, WarmUpJobs).ConfigureAwait(false);
            results.Add(await MeasureAsync(storage, queues, variant, jobs).ConfigureAwait(false));
        }

        return Format(results, jobs, load);
    }

    private static async Task<Result> MeasureAsync(JobStorage storage, CloudQueueClient queues, Variant variant, int jobs)
    {
        await QueueJobs.FillAsync(storage, variant.Queue, QueueJobs.NoopType, jobs, _ => "{}").ConfigureAwait(false);
        CloudQueue queue = queues.GetQueueReference(variant.Queue);
        await queue.FetchAttributesAsync().ConfigureAwait(false);
        if (queue.ApproximateMessageCount != jobs)
        {
            throw new InvalidOperationException($"{variant.Queue} holds {queue.ApproximateMessageCount} messages before the run, not {jobs}.");
        }

        TimeSpan elapsed = await variant.Run(storage, queue, jobs).WaitAsync(Timeout).ConfigureAwait(false);
        await queue.FetchAttributesAsync().ConfigureAwait(false);
        if (queue.ApproximateMessageCount != 0)
        {
            throw new InvalidOperationException($"{variant.Queue} still holds {queue.ApproximateMessageCount} messages after the run.");
        }

        return new Result(variant, jobs, elapsed);
    }

    /// <summary>
    /// The processor (under a supervisor, as a role runs it) with a no-op handler; from just before its start to the
    /// N-th <c>JobSucceeded</c> event, which the processor logs after the message's delete.
    /// </summary>
    private static async Task<TimeSpan> ProcessorAsync(JobStorage storage, string queue, int jobs, bool trackStatus)
    {
        var events = new JobEventCounter(jobs);
        var options = new QueueProcessorOptions { Name = queue, Queues = [queue], TrackStatus = trackStatus };
        long start = Stopwatch.GetTimestamp();
        await using (var running = new QueueJobs.Running(storage, options, new QueueJobs.Handler(QueueJobs.NoopType, static (_, _) => Task.CompletedTask), events))
        {
            await events.Reached.WaitAsync(Timeout).ConfigureAwait(false);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            running.ThrowIfEnded();
            if (events.Failures > 0)
            {
                throw new InvalidOperationException($"The processor reported {events.Failures} failed jobs.");
            }

            return elapsed;
        }
    }

    /// <summary>
    /// The hand-written loop: wait for a free slot, take every other free slot (up to 32), GetMessages for that many,
    /// give back the unused slots, delete each message on a task of its own (after <paramref name="perMessage"/>),
    /// and fetch again at once; only an empty fetch (the last messages still being deleted) waits, 10 ms.
    /// </summary>
    private static async Task<TimeSpan> TightLoopAsync(CloudQueue queue, int jobs, Func<CloudQueueMessage, Task>? perMessage)
    {
        using var slots = new SemaphoreSlim(Concurrency, Concurrency);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int deleted = 0;
        long start = Stopwatch.GetTimestamp();
        while (!done.Task.IsCompleted)
        {
            await slots.WaitAsync().ConfigureAwait(false);
            int acquired = 1;
            while (acquired < JobDefaults.MaxBatchSize && slots.Wait(0))
            {
                acquired++;
            }

            var messages = (await queue.GetMessagesAsync(acquired, Visibility, null, null).ConfigureAwait(false)).ToList();
            if (acquired > messages.Count)
            {
                slots.Release(acquired - messages.Count);
            }

            foreach (var message in messages)
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        if (perMessage is not null)
                        {
                            await perMessage(message).ConfigureAwait(false);
                        }

                        await queue.DeleteMessageAsync(message.Id, message.PopReceipt).ConfigureAwait(false);
                        if (Interlocked.Increment(ref deleted) == jobs)
                        {
                            done.TrySetResult();
                        }
                    }
                    catch (Exception exception) when (exception is StorageException or JobStorageException)
                    {
                        done.TrySetException(exception);
                    }
                    finally
                    {
                        slots.Release();
                    }
                });
            }

            if (messages.Count == 0)
            {
                await Task.WhenAny(done.Task, Task.Delay(10)).ConfigureAwait(false);
            }
        }

        await done.Task.ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>
    /// The calls the processor makes on a job's status record: one read (the duplicate check, which also gives the
    /// ETag), then one write to Running and one to Succeeded (the processor replaces with the ETag it holds; an upsert
    /// is the same single call).
    /// </summary>
    private static Func<CloudQueueMessage, Task> StatusCalls(JobStorage storage)
    {
        DocumentTable<JobStatus> statuses = storage.Table<JobStatus>(JobDefaults.StatusTable);
        return async message =>
        {
            string jobId = (string)JObject.Parse(message.AsString)["jobId"]!;
            var current = await statuses.GetAsync(jobId, "status", CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Job {jobId} has no status record.");
            await statuses.UpsertAsync(jobId, "status", current.Value with { State = JobState.Running, UpdatedAt = DateTimeOffset.UtcNow }, CancellationToken.None).ConfigureAwait(false);
            await statuses.UpsertAsync(jobId, "status", current.Value with { State = JobState.Succeeded, UpdatedAt = DateTimeOffset.UtcNow }, CancellationToken.None).ConfigureAwait(false);
        };
    }

    /// <summary>The Cloud Services worker role template's Run loop: one message at a time, a second's sleep when none.</summary>
    private static async Task<TimeSpan> ClassicLoopAsync(CloudQueue queue, int jobs)
    {
        int deleted = 0;
        long start = Stopwatch.GetTimestamp();
        while (deleted < jobs)
        {
            CloudQueueMessage? message = await queue.GetMessageAsync(Visibility, null, null).ConfigureAwait(false);
            if (message is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                continue;
            }

            await queue.DeleteMessageAsync(message.Id, message.PopReceipt).ConfigureAwait(false);
            deleted++;
        }

        return Stopwatch.GetElapsedTime(start);
    }

    private static string Format(List<Result> results, int jobs, MachineLoad load)
    {
        Result tight = results[0];
        Result processor = results[1];
        Result classic = results[2];
        Result tracked = results[3];
        Result statusLoop = results[4];
        var text = new StringBuilder();
        text.AppendLine("### 4. Queue throughput: no-op jobs through the `QueueProcessor`");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine($"Each row drains a queue of its own, pre-filled with {jobs} jobs by `JobClient.SubmitAsync` (so each has a Queued status record), " +
            $"on one Azurite started for this run, one row after the other in one process; each after an unmeasured warm-up run of {WarmUpJobs} jobs. " +
            "Time from the consumer's start to the last delete (for the processor: its N-th `JobSucceeded` event, logged after the delete). " +
            $"Visibility timeout {Visibility.TotalSeconds:F0} s everywhere.");
        text.AppendLine();
        text.AppendLine("| consumer | jobs | seconds | jobs/s | ÷ tight loop |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            text.AppendLine($"| {result.Variant.Label} | {result.Jobs} | {Stats.Ms(result.Elapsed.TotalSeconds, 2)} | {Stats.Ms(result.PerSecond)} | {Stats.Ratio(result.PerSecond, tight.PerSecond)} |");
        }

        double ratio = processor.PerSecond / tight.PerSecond;
        text.AppendLine();
        text.AppendLine($"Target, processor ÷ tight loop at least {Target:F1}: {Stats.Ratio(processor.PerSecond, tight.PerSecond)} " +
            $"({Stats.Ms(processor.PerSecond)} against {Stats.Ms(tight.PerSecond)} jobs/s), **{Report.Verdict(ratio >= Target)}**. " +
            $"Against the classic template loop ({Stats.Ms(classic.PerSecond)} jobs/s): {Stats.Ratio(processor.PerSecond, classic.PerSecond)}.");
        text.AppendLine();
        text.AppendLine($"With status records (the default, what the roles run): {Stats.Ms(tracked.PerSecond)} jobs/s, {Stats.Ratio(tracked.PerSecond, tight.PerSecond)} of the tight loop " +
            $"and {Stats.Ratio(tracked.PerSecond, statusLoop.PerSecond)} of the tight loop making the same status calls ({Stats.Ms(statusLoop.PerSecond)} jobs/s); " +
            $"against the classic template loop: {Stats.Ratio(tracked.PerSecond, classic.PerSecond)}.");
        return text.ToString();
    }
}
