using System.Text;
using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Emulator target 2: one instance's recycle time. With <c>./cloudservice run</c> up (1 web, 1 worker instance),
/// <c>./cloudservice recycle ID</c> → the instance's next <c>ID: Ready in</c> line, for WorkerRole_IN_0 and
/// WebRole_IN_0 in turn; baseline in the same rounds: a bare <c>./cloudservice host --role WorkerRole</c> to its
/// <c>Run entered</c> line (one process start of the same role, without a stop before it).
/// </summary>
internal static class RecycleBenchmark
{
    private const string Worker = "WorkerRole_IN_0";
    private const string Web = "WebRole_IN_0";
    private const string RunEntered = "RoleHost: Run entered";
    private const int MaxDiscarded = 5;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private static readonly string[] Instances = [Worker, Web];

    /// <summary>One recycle, in ms since the <c>recycle</c> CLI was started.</summary>
    private sealed record Sample(double RecyclingMs, double ExitedMs, double ProcessMs, double OnStartMs, double ReadyMs, double? StatedS, int Restarts);

    public static async Task<string> RunAsync(string root, int samples)
    {
        var load = MachineLoad.Start();
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        using var service = BenchmarkService.Create(root, azurite.ConnectionString, webInstances: 1, workerInstances: 1);
        using var run = EmulatorRun.Start(service);
        _ = await run.WaitReadyAsync(Instances, TimeSpan.Zero, ReadyTimeout).ConfigureAwait(false);

        // Unmeasured warm-up: one recycle of each and one bare host.
        foreach (var id in Instances)
        {
            _ = await RecycleOnceAsync(run, id).ConfigureAwait(false);
        }

        _ = await HostOnceAsync(service).ConfigureAwait(false);

        var recycles = Instances.ToDictionary(id => id, _ => new List<Sample>());
        var hosts = new List<double>();
        int discarded = 0;
        for (int round = 0; round < samples; round++)
        {
            foreach (var id in Instances)
            {
                Sample? sample;
                while ((sample = await RecycleOnceAsync(run, id).ConfigureAwait(false)) is null)
                {
                    Discard(ref discarded);
                }

                recycles[id].Add(sample);
            }

            double? host;
            while ((host = await HostOnceAsync(service).ConfigureAwait(false)) is null)
            {
                Discard(ref discarded);
            }

            hosts.Add(host.Value);
        }

        var (stopTime, _, runExit, _) = await run.StopAsync().ConfigureAwait(false);
        return Format(recycles, hosts, discarded, stopTime, runExit, load);
    }

    private static void Discard(ref int discarded)
    {
        if (++discarded > MaxDiscarded)
        {
            throw new InvalidOperationException("The service kept rebuilding; stop editing sources while measuring.");
        }
    }

    /// <summary>
    /// <c>./cloudservice recycle ID --state-dir S</c>, then the run's lines for that instance until its next
    /// <c>Ready in</c>; then a check through the control API. Null when the script rebuilt for the CLI.
    /// </summary>
    private static async Task<Sample?> RecycleOnceAsync(EmulatorRun run, string id)
    {
        await Task.Delay(Settle).ConfigureAwait(false);
        TimedProcess lines = run.Process;
        TimeSpan started = lines.Elapsed;
        using var recycle = run.Service.Start(["recycle", id, "--state-dir", run.StateDirectory], "recycling");
        Task<TimeSpan?> ready = lines.WaitForLineAsync(EmulatorRun.ReadyIn(id), started, ReadyTimeout);
        int exitCode = await recycle.WaitForExitAsync(ReadyTimeout).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"`./cloudservice recycle {id}` exited with {exitCode}:\n{recycle.Transcript()}");
        }

        TimeSpan readyAt = await ready.ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{id} was not Ready again within {ReadyTimeout.TotalSeconds:F0} s of `recycle`.\n{lines.Transcript()}");
        InstanceSnapshot instance = (await run.InstancesAsync().ConfigureAwait(false))[id];
        if (instance.State != InstanceState.Ready)
        {
            throw new InvalidOperationException($"{id} printed `Ready in` but the status shows {instance.State}.");
        }

        if (recycle.StandardError.Contains(EmulatorRun.Rebuilding, StringComparison.Ordinal))
        {
            return null;
        }

        return new Sample(
            Ms(lines.TimeOf($"{id}: recycling (", started)),
            Ms(lines.TimeOf($"{id}: exited with code", started)),
            Ms(lines.TimeOf($"{id}: process ", started)),
            Ms(lines.TimeOf($"{id}: OnStart (Busy)", started)),
            (readyAt - started).TotalMilliseconds,
            run.StatedReadySeconds(id, started),
            instance.Restarts);

        double Ms(TimeSpan? at) => at is { } time ? (time - started).TotalMilliseconds : double.NaN;
    }

    /// <summary>One bare <c>host --role WorkerRole</c> to <c>Run entered</c>, then SIGTERM; its ms, or null when the script rebuilt.</summary>
    private static async Task<double?> HostOnceAsync(BenchmarkService service)
    {
        await Task.Delay(Settle).ConfigureAwait(false);
        using var host = service.Start(["host", "--role", "WorkerRole", "--csdef", service.Csdef, "--cscfg", service.Cscfg, "--state-dir", service.NewStateDirectory()], RunEntered);
        TimeSpan? ready = await host.WaitReadyAsync(ReadyTimeout).ConfigureAwait(false);
        var (exitCode, _) = await host.TerminateAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        if (ready is null || exitCode != 0)
        {
            throw new InvalidOperationException($"`./cloudservice host --role WorkerRole`: '{RunEntered}' {(ready is null ? "never came" : "came")}, exit code {exitCode}.\n{host.Transcript()}");
        }

        return host.StandardError.Contains(EmulatorRun.Rebuilding, StringComparison.Ordinal) ? null : ready.Value.TotalMilliseconds;
    }

    private static string Format(Dictionary<string, List<Sample>> recycles, List<double> hosts, int discarded, TimeSpan stopTime, int runExit, MachineLoad load)
    {
        var baseline = new Stats(hosts);
        var text = new StringBuilder();
        text.AppendLine("### 9. One instance's recycle time");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine($"`./cloudservice run` of a service copy in a temporary folder T (the Local cscfg with 1 web and 1 worker instance, StorageConnectionString pointing at this benchmark's Azurite; " +
            $"the Debug build in `artifacts/`), up and Ready; then, in rounds, `./cloudservice recycle {Worker} --state-dir S`, `./cloudservice recycle {Web} --state-dir S` " +
            $"and the baseline, each after a {Settle.TotalSeconds:F0} s pause, after one unmeasured warm-up of each. Recycle time: from starting the `recycle` CLI to the instance's next " +
            "`<Instance>: Ready in` line on `run`'s stdout; checked Ready through the control API (as `status --json`) right after. " +
            "Baseline: `./cloudservice host --role WorkerRole` on the same copy, from process start to its `Run entered` line (one start of the role process, no stop before it), then SIGTERM. " +
            $"Samples discarded because the script rebuilt: {discarded}.");
        text.AppendLine();
        text.AppendLine("| measurement | samples | median ms | min ms | max ms | median ÷ baseline |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (id, samples) in recycles)
        {
            var stats = new Stats(samples.Select(sample => sample.ReadyMs));
            text.AppendLine($"| `./cloudservice recycle {id}` → `{id}: Ready in` | {stats.Count} | {Stats.Ms(stats.Median, 0)} | {Stats.Ms(stats.Min, 0)} | {Stats.Ms(stats.Max, 0)} | {Stats.Ratio(stats.Median, baseline.Median)} |");
        }

        text.AppendLine($"| baseline: `./cloudservice host --role WorkerRole` → `Run entered` | {baseline.Count} | {Stats.Ms(baseline.Median, 0)} | {Stats.Ms(baseline.Min, 0)} | {Stats.Ms(baseline.Max, 0)} | 1.00× |");
        text.AppendLine();
        text.AppendLine("Where the time goes: medians in ms since the `recycle` CLI was started, by when each of the instance's lines arrived on `run`'s stdout.");
        text.AppendLine();
        text.AppendLine("| instance | `recycling (...)` (CLI done, fabric asks the role) | `exited with code 10` (Stopping, OnStop, exit) | `process N started` (startup tasks done) | `OnStart (Busy)` | `Ready in` | stated `Ready in X s` (from the new start) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (id, samples) in recycles)
        {
            var stated = samples.Select(sample => sample.StatedS).OfType<double>().ToList();
            text.AppendLine($"| {id} | {Median(samples, sample => sample.RecyclingMs)} | {Median(samples, sample => sample.ExitedMs)} | {Median(samples, sample => sample.ProcessMs)} " +
                $"| {Median(samples, sample => sample.OnStartMs)} | {Median(samples, sample => sample.ReadyMs)} | {(stated.Count == 0 ? "n/a" : Stats.Ms(new Stats(stated).Median * 1000, 0))} |");
        }

        text.AppendLine();
        text.AppendLine($"Restarts the status shows at the end: {string.Join(", ", recycles.Select(pair => $"{pair.Key} {pair.Value[^1].Restarts}"))}. " +
            $"`./cloudservice stop` then took {Stats.Ms(stopTime.TotalSeconds, 2)} s; `run` exited with {runExit}.");
        text.AppendLine();
        var worker = new Stats(recycles[Worker].Select(sample => sample.ReadyMs));
        text.AppendLine($"Result (the issue sets no number): {Worker} is Ready again {Stats.Ms(worker.Median, 0)} ms (median; min {Stats.Ms(worker.Min, 0)}, max {Stats.Ms(worker.Max, 0)}) " +
            $"after `./cloudservice recycle`, {Stats.Ratio(worker.Median, baseline.Median)} of a bare start of the same role ({Stats.Ms(baseline.Median, 0)} ms).");
        return text.ToString();

        static string Median(List<Sample> samples, Func<Sample, double> select)
        {
            var values = samples.Select(select).Where(value => !double.IsNaN(value)).ToList();
            return values.Count == 0 ? "n/a" : Stats.Ms(new Stats(values).Median, 0);
        }
    }
}
