using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using BackgroundRoles.Tests.ScheduleRole;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Schedules and singletons across real role processes (issue 10): three ScheduleRole instances under
/// <c>./cloudservice host</c> over the benchmark's own Azurite. Precision: a per-second cron job for N ticks, each
/// tick's lateness (the job's code starting, minus the tick's time), with the storage round trip measured in the same
/// run (a table point read every 200 ms from this process). Failover: a singleton (lease time 15 s) whose holder's
/// role process gets SIGKILL, R times: the kill to the next holder's task starting.
/// </summary>
internal static class SchedulesBenchmark
{
    private const int Instances = 3;
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PrecisionTarget = TimeSpan.FromMilliseconds(100);

    public static async Task<string> RunAsync(string root, int ticks, int failovers)
    {
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        var report = new StringBuilder();
        report.AppendLine(await PrecisionAsync(root, azurite.ConnectionString, ticks).ConfigureAwait(false));
        report.AppendLine(await FailoverAsync(root, azurite.ConnectionString, failovers).ConfigureAwait(false));
        return report.ToString();
    }

    private static async Task<string> PrecisionAsync(string root, string connectionString, int count)
    {
        await using var service = await ScheduleBenchmarkService.CreateAsync(root, connectionString, new Dictionary<string, string>
        {
            ["Schedule.Expression"] = "* * * * * *",
            ["Schedule.MissedTicks"] = "Skip",
            ["Singleton.Enabled"] = "false",
        }).ConfigureAwait(false);
        await Task.WhenAll(Enumerable.Range(0, Instances).Select(service.StartAsync)).ConfigureAwait(false);

        var load = MachineLoad.Start();
        var now = DateTimeOffset.UtcNow;
        var from = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(2);
        var to = from.AddSeconds(count - 1);
        using var stop = new CancellationTokenSource();
        var roundTrips = MeasureRoundTripsAsync(connectionString, stop.Token);
        await Task.Delay(to - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        var rtt = new Stats(await roundTrips.ConfigureAwait(false));
        var machine = load.Describe();

        var runs = (await service.Records.TicksAsync(service.Name).ConfigureAwait(false)).Where(t => t.Tick >= from && t.Tick <= to).ToList();
        var duplicates = (await service.Records.DuplicatesAsync(service.Name).ConfigureAwait(false)).Count(t => t.Tick >= from && t.Tick <= to);
        if (runs.Count == 0)
        {
            throw new InvalidOperationException("No tick ran:\n" + service.Instance(0).Transcript());
        }

        var lateness = new Stats(runs.Select(t => (t.Start - t.Tick).TotalMilliseconds));
        var claimed = new Stats(runs.Select(t => (t.ClaimedAt - t.Tick).TotalMilliseconds));
        var target = PrecisionTarget.TotalMilliseconds + rtt.Median;
        var perInstance = string.Join(", ", runs.GroupBy(t => t.Instance).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        var text = new StringBuilder();
        text.AppendLine("### Schedule precision (issue 10)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Three ScheduleRole instances (`./cloudservice host --instance N`, Debug build) compete for a per-second cron job (`* * * * * *`, lease time 15 s) over the benchmark's own Azurite, for {count} ticks. Lateness: the job's code starting (after the lease acquire and the ETag-guarded claim of a record read 250 ms before the tick; the holder metadata is written beside the run) minus the tick's time; \"claimed\" is when the lease was acquired, before the claim. Storage round trip: a table point read from the harness every 200 ms during the same window.");
        text.AppendLine();
        text.AppendLine("| measure | samples | p50 (ms) | p99 (ms) | max (ms) |");
        text.AppendLine("|---|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| tick lateness (job code starts) | {lateness.Count} | {Stats.Ms(lateness.Median)} | {Stats.Ms(lateness.Percentile(99))} | {Stats.Ms(lateness.Max)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| lease acquired, run started (before the claim) | {claimed.Count} | {Stats.Ms(claimed.Median)} | {Stats.Ms(claimed.Percentile(99))} | {Stats.Ms(claimed.Max)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| storage round trip (table point read) | {rtt.Count} | {Stats.Ms(rtt.Median)} | {Stats.Ms(rtt.Percentile(99))} | {Stats.Ms(rtt.Max)} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Ticks in the window: {count}; run: {runs.Count} ({perInstance}); missed: {count - runs.Select(t => t.Tick).Distinct().Count()}; run twice: {duplicates}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Target: p99 lateness under 100 ms + one storage round trip (p50 {Stats.Ms(rtt.Median)} ms) = {Stats.Ms(target)} ms: {Report.Verdict(lateness.Percentile(99) < target)} (p99 {Stats.Ms(lateness.Percentile(99))} ms).");
        text.AppendLine();
        text.AppendLine(machine);
        return text.ToString();
    }

    private static async Task<string> FailoverAsync(string root, string connectionString, int repetitions)
    {
        await using var service = await ScheduleBenchmarkService.CreateAsync(root, connectionString, new Dictionary<string, string>
        {
            ["Schedule.Expression"] = string.Empty,
            ["Singleton.Enabled"] = "true",
            ["LeaseTime"] = LeaseTime.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        }).ConfigureAwait(false);
        await Task.WhenAll(Enumerable.Range(0, Instances).Select(service.StartAsync)).ConfigureAwait(false);
        var load = MachineLoad.Start();
        var samples = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var holder = await WaitForHoldAsync(service, h => h.Beats >= 4, "a holder").ConfigureAwait(false);
            var index = int.Parse(holder.Instance[(holder.Instance.LastIndexOf('_') + 1)..], CultureInfo.InvariantCulture);

            // Every other instance waits for the lease before the kill, so the takeover is not a first start.
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            var killedAt = await service.KillRoleAsync(index).ConfigureAwait(false);
            var next = await WaitForHoldAsync(service, h => h.Instance != holder.Instance && h.Start > killedAt, "a successor").ConfigureAwait(false);
            samples.Add((next.Start - killedAt).TotalMilliseconds);
            await service.StartAsync(index).ConfigureAwait(false);
        }

        var machine = load.Describe();
        var holds = await service.Records.HoldsAsync(service.Name).ConfigureAwait(false);
        var overlaps = ScheduleRoleRecordsReader.Overlaps(holds).Count;
        var stats = new Stats(samples);
        var target = LeaseTime + TimeSpan.FromSeconds(2);
        var text = new StringBuilder();
        text.AppendLine("### Singleton failover after SIGKILL (issue 10)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Three ScheduleRole instances with a singleton task (lease time {LeaseTime.TotalSeconds} s, renewed every {LeaseTime.TotalSeconds / 3} s; waiters retry at most every {JobDefaults.MaxLeaseRetryDelay.TotalSeconds} s); the holder's role process gets SIGKILL (no release), then is started again for the next round. Failover: the kill to the task starting on another instance (its first recorded holding).");
        text.AppendLine();
        text.AppendLine("| failovers | min (s) | median (s) | max (s) | each (s) |");
        text.AppendLine("|---|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {stats.Count} | {Seconds(stats.Min)} | {Seconds(stats.Median)} | {Seconds(stats.Max)} | {string.Join(", ", samples.Select(Seconds))} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Target: at most the lease time + 2 s = {target.TotalSeconds} s: {Report.Verdict(stats.Max <= target.TotalMilliseconds)}. Holdings recorded: {holds.Count}; two instances holding at once: {overlaps}.");
        text.AppendLine();
        text.AppendLine(machine);
        return text.ToString();
    }

    private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>
    /// Waits until the latest holding (the current holder's) matches: an earlier holding of a killed instance never
    /// stands for the holder, however many beats it had.
    /// </summary>
    private static async Task<HoldRecord> WaitForHoldAsync(ScheduleBenchmarkService service, Func<HoldRecord, bool> match, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ScheduleBenchmarkService.StartTimeout)
        {
            if ((await service.Records.HoldsAsync(service.Name).ConfigureAwait(false)).LastOrDefault() is { } found && match(found))
            {
                return found;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        var holds = await service.Records.HoldsAsync(service.Name).ConfigureAwait(false);
        throw new TimeoutException($"No {what} of the singleton within {ScheduleBenchmarkService.StartTimeout}. Holdings recorded: " +
            string.Join("; ", holds.TakeLast(6).Select(h => $"{h.Instance} from {h.Start:HH:mm:ss.fff}, {h.Beats} beats")) + "\n" +
            string.Join("\n", Enumerable.Range(0, Instances).Select(i => $"--- {ScheduleBenchmarkService.InstanceId(i)}:\n" + service.Instance(i).Transcript())));
    }

    /// <summary>A table point read (of a row that is not there) every 200 ms until cancelled: one storage round trip each.</summary>
    private static async Task<List<double>> MeasureRoundTripsAsync(string connectionString, CancellationToken ct)
    {
        if (!StorageConnection.TryParse(connectionString, out var account, out var error))
        {
            throw new InvalidOperationException(error);
        }

        var table = account!.CreateCloudTableClient().GetTableReference(ScheduleRoleRecords.Table);
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        var samples = new List<double>();
        while (!ct.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            await table.ExecuteAsync(TableOperation.Retrieve("round-trip", "none")).ConfigureAwait(false);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            try
            {
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return samples;
    }
}
