using BackgroundRoles.Jobs;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Queue throughput (issues 3 and 13): no-op jobs per second through our <see cref="QueueProcessor"/> with and without
/// status records, the WebJobs SDK 3 and Hangfire, against a hand-written tight batched loop and the classic worker
/// role template loop, at each depth, on one Azurite in one run. A depth is measured in rounds (an odd number), each
/// round every consumer once in the same order, so that a change of the machine's load during the run touches every
/// row alike; a row shows each consumer's median round, with the slowest and fastest round beside it. Each row also
/// shows the storage calls per job (counted by <see cref="StorageCallCounter"/>) and the CPU time of Azurite and of
/// this process, of that median round.
/// </summary>
internal static partial class QueueThroughputBenchmark
{
    /// <summary>The depths of one run when none is given.</summary>
    public static readonly int[] DefaultDepths = [500, 2000];

    /// <summary>Rounds per depth when none is given: a short row (under a second at depth 500) varies by tens of percent from one try to the next.</summary>
    public const int DefaultRounds = 3;

    private const int WarmUpJobs = 64;
    private const double Target = 0.9;

    private sealed record Result(QueueConsumer Consumer, int Jobs, RowCost Cost)
    {
        public double PerSecond => Jobs / Cost.Elapsed.TotalSeconds;
    }

    /// <summary>One consumer's rounds at one depth: the median round, and the slowest and fastest rates.</summary>
    private sealed record Rounds(Result Median, double SlowestPerSecond, double FastestPerSecond, int Count)
    {
        public static Rounds Of(IReadOnlyList<Result> results)
        {
            var ordered = results.OrderBy(result => result.PerSecond).ToList();
            return new Rounds(ordered[ordered.Count / 2], ordered[0].PerSecond, ordered[^1].PerSecond, ordered.Count);
        }
    }

    public static async Task<string> RunAsync(string root, IReadOnlyList<int> depths, int rounds)
    {
        var load = MachineLoad.Start();
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        using var calls = new StorageCallCounter(azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        var storage = JobStorage.Create(azurite.ConnectionString);
        CloudQueueClient queues = CloudStorageAccount.Parse(azurite.ConnectionString).CreateCloudQueueClient();

        var tables = new List<(int Depth, List<Rounds> Rows)>();
        foreach (int depth in depths)
        {
            // Our processor right after the tight loop: Azurite's save of its whole table database every 5 s costs more
            // as the run's fills grow it, so the rows compared by the target run on nearly the same database.
            QueueConsumer[] consumers =
            [
                new TightLoopConsumer(storage, queues),
                new ProcessorConsumer(storage, queues, trackStatus: true),
                new ProcessorConsumer(storage, queues, trackStatus: false),
                new ProcessorConsumer(storage, queues, trackStatus: true, prefetchCount: 0),
                new WebJobsConsumer(storage, queues, azurite.ConnectionString),
                new HangfireConsumer(durable: false),
                new HangfireConsumer(durable: true),
                new ClassicLoopConsumer(storage, queues),
            ];

            // An unmeasured warm-up run of each (JIT, connections, the queue and tables), then the measured rounds.
            for (int row = 0; row < consumers.Length; row++)
            {
                await MeasureAsync(consumers[row], $"bench-{depth}-{row}-warm", WarmUpJobs, new RowMeter(calls, azurite.ProcessId)).ConfigureAwait(false);
            }

            var results = consumers.Select(_ => new List<Result>()).ToArray();
            for (int round = 0; round < rounds; round++)
            {
                for (int row = 0; row < consumers.Length; row++)
                {
                    string queue = $"bench-{depth}-{row}-{round}";
                    results[row].Add(await MeasureAsync(consumers[row], queue, depth, new RowMeter(calls, azurite.ProcessId)).ConfigureAwait(false));
                }
            }

            tables.Add((depth, [.. results.Select(Rounds.Of)]));
        }

        return Format(tables, rounds, load);
    }

    private static async Task<Result> MeasureAsync(QueueConsumer consumer, string queue, int jobs, RowMeter meter)
    {
        await consumer.FillAsync(queue, jobs).ConfigureAwait(false);
        await consumer.ConsumeAsync(queue, jobs, meter).ConfigureAwait(false);
        await consumer.CheckDrainedAsync(queue).ConfigureAwait(false);
        return new Result(consumer, jobs, meter.Cost ?? throw new InvalidOperationException($"{consumer.Label} did not stop its clock."));
    }
}
