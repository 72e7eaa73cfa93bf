using System.Globalization;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// <c>startup [--runs N] | restart [--restarts N] | idle-cpu [--seconds N] | all [...] | noop</c>: runs the
/// benchmarks of the foundation targets; <c>queue-throughput [--jobs N] [--rounds N] | pickup-latency [--samples N] |
/// redelivery [--in-flight N] | thumbnails [--images N] | queues [...]</c>: the benchmarks of the queue handoff;
/// <c>emulator-start [--starts N] | recycle [--recycles N] | balancer [--round-seconds N] | emulator [...]</c>: the
/// benchmarks of the local emulator (issue 4); <c>chaos [scenario] [...]</c>: the chaos suite (issue 9, RELIABILITY.md);
/// <c>schedules [--ticks N] [--failovers N]</c>: schedule precision and singleton failover across role processes (issue 10).
/// <c>dashboard</c>: the dashboard's refresh cost and live log tail (issue 12).
/// <c>upgrade</c> | <c>swap</c>: an in-place upgrade by update domain, and a VIP swap, under a steady load (issue 11).
/// <c>blob-trigger [--samples N] [--blobs N]</c>: blob trigger latency and throughput against a plain list-and-read loop (issue 14).
/// Prints Markdown for BENCHMARKS.md. Run from anywhere inside the repository, in Release.
/// </summary>
internal static class Program
{
    /// <summary>The verb of the trivial process that the start-up benchmark uses as its baseline: prints one line.</summary>
    public const string Noop = "noop";

    private const string Usage =
        "usage: BackgroundRoles.Benchmarks startup [--runs N] | restart [--restarts N] | idle-cpu [--seconds N] | all [options of each] | " +
        "queue-throughput [--jobs N] [--rounds N] | pickup-latency [--samples N] | redelivery [--in-flight N] | thumbnails [--images N] | queues [options of each] | " +
        "emulator-start [--starts N] | recycle [--recycles N] | balancer [--round-seconds N] | emulator [options of each] | " +
        "schedules [--ticks N] [--failovers N] | due-time [--due-jobs N] | " +
        "dashboard | upgrade | swap | " +
        "blob-trigger [--samples N] [--blobs N] | " +
        Chaos.ChaosCommand.Usage + " | noop";

    private static readonly string[] Verbs =
    [
        "startup", "restart", "idle-cpu", "all", "queue-throughput", "pickup-latency", "redelivery", "thumbnails", "queues",
        "emulator-start", "recycle", "balancer", "emulator", "schedules", "dashboard", "upgrade", "swap", "due-time", "blob-trigger",
    ];

    public static async Task<int> Main(string[] args)
    {
        string verb = args.Length > 0 ? args[0] : string.Empty;
        if (verb == Noop)
        {
            Console.WriteLine(Noop);
            return 0;
        }

        if (verb == Chaos.ChaosCommand.Verb)
        {
            try
            {
                return await Chaos.ChaosCommand.RunAsync(args).ConfigureAwait(false);
            }
            catch (Exception error) when (error is InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine($"error: {error.Message}");
                return 1;
            }
        }

        if (verb == IdleCpuBenchmark.ChildVerb && args.Length == 3)
        {
            return await IdleCpuBenchmark.ChildMainAsync(args[1], TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture))).ConfigureAwait(false);
        }

        if (verb == RedeliveryBenchmark.ChildVerb && args.Length == 3)
        {
            return await RedeliveryBenchmark.ChildMainAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        if (verb == StartupBenchmark.StorageChildVerb && args.Length == 2)
        {
            return await StartupBenchmark.StorageChildMainAsync(args[1]).ConfigureAwait(false);
        }

        if (verb == ThumbnailBenchmark.ChildVerb && args.Length == 3)
        {
            return ThumbnailBenchmark.ChildMain(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        }

        if (!Verbs.Contains(verb) || !TryReadOptions(args.AsSpan(1), out var options))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            await RunAsync(verb, options, args).ConfigureAwait(false);
            return 0;
        }
        catch (Exception error) when (error is InvalidOperationException or TimeoutException)
        {
            // A benchmark that cannot measure (the service does not build, a role does not start) says why, briefly.
            Console.Error.WriteLine($"error: {error.Message}");
            return 1;
        }
    }

    private static async Task RunAsync(string verb, Options options, string[] args)
    {
        string root = RepoRoot.Find();
        Environment.CurrentDirectory = root;
        Console.WriteLine(Report.Header(args));
        if (verb is "startup" or "all")
        {
            Console.WriteLine(await StartupBenchmark.RunAsync(root, options.Runs).ConfigureAwait(false));
        }

        if (verb is "restart" or "all")
        {
            Console.WriteLine(await RestartBenchmark.RunAsync(options.Restarts).ConfigureAwait(false));
        }

        if (verb is "idle-cpu" or "all")
        {
            Console.WriteLine(await IdleCpuBenchmark.RunAsync(TimeSpan.FromSeconds(options.Seconds)).ConfigureAwait(false));
        }

        if (verb is "queue-throughput" or "queues")
        {
            Console.WriteLine(await QueueThroughputBenchmark.RunAsync(root, options.Jobs > 0 ? [options.Jobs] : QueueThroughputBenchmark.DefaultDepths, options.Rounds).ConfigureAwait(false));
        }

        if (verb is "pickup-latency" or "queues")
        {
            Console.WriteLine(await PickupLatencyBenchmark.RunAsync(root, options.Samples).ConfigureAwait(false));
        }

        if (verb is "redelivery" or "queues")
        {
            Console.WriteLine(await RedeliveryBenchmark.RunAsync(root, options.InFlight).ConfigureAwait(false));
        }

        if (verb is "thumbnails" or "queues")
        {
            Console.WriteLine(await ThumbnailBenchmark.RunAsync(root, options.Images).ConfigureAwait(false));
        }

        if (verb is "emulator-start" or "emulator")
        {
            Console.WriteLine(await EmulatorStartBenchmark.RunAsync(root, options.Starts).ConfigureAwait(false));
        }

        if (verb is "recycle" or "emulator")
        {
            Console.WriteLine(await RecycleBenchmark.RunAsync(root, options.Recycles).ConfigureAwait(false));
        }

        if (verb is "balancer" or "emulator")
        {
            Console.WriteLine(await BalancerBenchmark.RunAsync(root, options.RoundSeconds).ConfigureAwait(false));
        }

        if (verb is "schedules")
        {
            Console.WriteLine(await SchedulesBenchmark.RunAsync(root, options.Ticks, options.Failovers).ConfigureAwait(false));
        }

        if (verb is "due-time")
        {
            Console.WriteLine(await DueTimeBenchmark.RunAsync(root, options.DueJobs).ConfigureAwait(false));
        }

        if (verb is "dashboard")
        {
            Console.WriteLine(await DashboardBenchmark.RunAsync(root).ConfigureAwait(false));
        }

        if (verb is "upgrade")
        {
            Console.WriteLine(await UpgradeBenchmark.RunAsync(root).ConfigureAwait(false));
        }

        if (verb is "swap")
        {
            Console.WriteLine(await SwapBenchmark.RunAsync(root).ConfigureAwait(false));
        }

        if (verb is "blob-trigger")
        {
            Console.WriteLine(await BlobTriggerBenchmark.RunAsync(root, options.Samples, options.Blobs).ConfigureAwait(false));
        }
    }

    private sealed record Options(
        int Runs = 15, int Restarts = 300, int Seconds = 20, int Jobs = 0, int Samples = 60, int InFlight = 16, int Images = 200,
        int Starts = 7, int Recycles = 7, int RoundSeconds = 6, int Ticks = 300, int Failovers = 5, int DueJobs = 50, int Blobs = 1000,
        int Rounds = QueueThroughputBenchmark.DefaultRounds);

    private static bool TryReadOptions(ReadOnlySpan<string> args, out Options options)
    {
        options = new Options();
        for (int i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value <= 0)
            {
                return false;
            }

            switch (args[i])
            {
                case "--runs" when value >= 10:
                    options = options with { Runs = value };
                    break;
                case "--restarts" when value >= 200:
                    options = options with { Restarts = value };
                    break;
                case "--seconds" when value >= 20:
                    options = options with { Seconds = value };
                    break;
                case "--jobs" when value >= 500:
                    options = options with { Jobs = value };
                    break;
                case "--samples" when value >= 50:
                    options = options with { Samples = value };
                    break;
                case "--in-flight" when value <= JobDefaults.MaxBatchSize:
                    options = options with { InFlight = value };
                    break;
                case "--images" when value >= 50:
                    options = options with { Images = value };
                    break;
                case "--starts" when value >= 5:
                    options = options with { Starts = value };
                    break;
                case "--recycles" when value >= 5:
                    options = options with { Recycles = value };
                    break;
                case "--round-seconds" when value >= 3:
                    options = options with { RoundSeconds = value };
                    break;
                case "--ticks" when value >= 30:
                    options = options with { Ticks = value };
                    break;
                case "--failovers" when value >= 3:
                    options = options with { Failovers = value };
                    break;
                case "--due-jobs" when value >= 10:
                    options = options with { DueJobs = value };
                    break;
                case "--blobs" when value >= 100:
                    options = options with { Blobs = value };
                    break;
                case "--rounds" when value % 2 == 1:
                    options = options with { Rounds = value };
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
