using System.Text;
using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Emulator target 1: <c>./cloudservice run</c> with 2 web and 2 worker instances of the real roles, from process
/// start to the fourth instance's <c>Ready in</c> line, then <c>./cloudservice stop</c>; against a bare
/// <c>./cloudservice host --role WebRole</c> to its <c>Run entered</c> line, run in turn with it. Both on a copy of the
/// service whose storage is this benchmark's Azurite.
/// </summary>
internal static class EmulatorStartBenchmark
{
    private const int WebInstances = 2;
    private const int WorkerInstances = 2;
    private const string RunEntered = "RoleHost: Run entered";
    private const double TargetSeconds = 10;
    private const int MaxDiscarded = 5;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly string[] InstanceIds = ["WebRole_IN_0", "WebRole_IN_1", "WorkerRole_IN_0", "WorkerRole_IN_1"];

    /// <summary>An instance's lines in a run, in seconds since <c>run</c> started.</summary>
    private sealed record InstanceTimes(double Starting, double ProcessStarted, double OnStart, double Ready, double Stated);

    private sealed record RunSample(double ReadyS, double DeploymentS, double ControlS, double FirstReadyS, Dictionary<string, InstanceTimes> Instances, double StopS, int RunExitCode, string Domains);

    private sealed record HostSample(double ReadyS, int ExitCode);

    public static async Task<string> RunAsync(string root, int runs)
    {
        var load = MachineLoad.Start();
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        using var service = BenchmarkService.Create(root, azurite.ConnectionString, WebInstances, WorkerInstances);

        // Unmeasured warm-up of each: the script builds the service if a source changed; the first roles create the queues and containers.
        _ = await RunOnceAsync(service).ConfigureAwait(false);
        _ = await HostOnceAsync(service).ConfigureAwait(false);

        var runSamples = new List<RunSample>();
        var hostSamples = new List<HostSample>();
        int discarded = 0;
        for (int round = 0; round < runs; round++)
        {
            RunSample? run;
            while ((run = await RunOnceAsync(service).ConfigureAwait(false)) is null)
            {
                Discard(ref discarded);
            }

            runSamples.Add(run);
            HostSample? host;
            while ((host = await HostOnceAsync(service).ConfigureAwait(false)) is null)
            {
                Discard(ref discarded);
            }

            hostSamples.Add(host);
        }

        return Format(runSamples, hostSamples, discarded, load);
    }

    private static void Discard(ref int discarded)
    {
        // Someone changed a source meanwhile and the script rebuilt: that run measured a build.
        if (++discarded > MaxDiscarded)
        {
            throw new InvalidOperationException("The service kept rebuilding; stop editing sources while measuring.");
        }
    }

    /// <summary>One <c>run</c> to all four Ready, checked through the control API, then stopped; null when the script rebuilt.</summary>
    private static async Task<RunSample?> RunOnceAsync(BenchmarkService service)
    {
        using var run = EmulatorRun.Start(service);
        Dictionary<string, TimeSpan> ready = await run.WaitReadyAsync(InstanceIds, TimeSpan.Zero, ReadyTimeout).ConfigureAwait(false);
        Dictionary<string, InstanceSnapshot> status = await run.InstancesAsync().ConfigureAwait(false);
        if (status.Count != InstanceIds.Length || status.Values.Any(instance => instance.State != InstanceState.Ready))
        {
            throw new InvalidOperationException($"After four `Ready in` lines the status shows {string.Join(", ", status.Values.Select(i => $"{i.InstanceId} {i.State}"))}.");
        }

        string domains = string.Join(", ", InstanceIds.Select(id => $"{id} UD {status[id].UpdateDomain} FD {status[id].FaultDomain}"));
        var times = InstanceIds.ToDictionary(id => id, id => new InstanceTimes(
            Seconds(run.Process.TimeOf($"{id}: Starting")),
            Seconds(run.Process.TimeOf($"{id}: process ")),
            Seconds(run.Process.TimeOf($"{id}: OnStart (Busy)")),
            ready[id].TotalSeconds,
            run.StatedReadySeconds(id, TimeSpan.Zero) ?? double.NaN));
        double deployment = Seconds(run.Process.TimeOf(EmulatorRun.DeploymentLine));
        double control = Seconds(run.Process.TimeOf(EmulatorRun.ControlLine));
        var (stopTime, _, runExit, rebuilt) = await run.StopAsync().ConfigureAwait(false);
        if (rebuilt)
        {
            return null;
        }

        return new RunSample(ready.Values.Max().TotalSeconds, deployment, control, ready.Values.Min().TotalSeconds, times, stopTime.TotalSeconds, runExit, domains);
    }

    /// <summary>One bare <c>host --role WebRole</c> to <c>Run entered</c>, then SIGTERM; null when the script rebuilt.</summary>
    private static async Task<HostSample?> HostOnceAsync(BenchmarkService service)
    {
        string state = service.NewStateDirectory();
        using var host = service.Start(["host", "--role", "WebRole", "--csdef", service.Csdef, "--cscfg", service.Cscfg, "--state-dir", state], RunEntered);
        TimeSpan? ready = await host.WaitReadyAsync(ReadyTimeout).ConfigureAwait(false);
        var (exitCode, _) = await host.TerminateAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        if (ready is null)
        {
            throw new InvalidOperationException($"`./cloudservice host --role WebRole`: no '{RunEntered}' line (exit code {exitCode}).\n{host.Transcript()}");
        }

        return host.StandardError.Contains(EmulatorRun.Rebuilding, StringComparison.Ordinal) ? null : new HostSample(ready.Value.TotalSeconds, exitCode);
    }

    private static double Seconds(TimeSpan? time) => time?.TotalSeconds ?? double.NaN;

    private static string Format(List<RunSample> runs, List<HostSample> hosts, int discarded, MachineLoad load)
    {
        var run = new Stats(runs.Select(sample => sample.ReadyS));
        var host = new Stats(hosts.Select(sample => sample.ReadyS));
        var text = new StringBuilder();
        text.AppendLine($"### 8. `run` to all instances Ready: {WebInstances} web and {WorkerInstances} worker instances");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine($"{runs.Count} measured runs of each, taken in turn after one unmeasured warm-up run of each; every run with a fresh `--state-dir`. " +
            $"Service: a copy of the repository's csdef, Local cscfg (Instances {WebInstances} and {WorkerInstances}, StorageConnectionString pointing at this benchmark's Azurite, " +
            "so no Azurite start is measured) and StartupTasks in a temporary folder T (the web role's port 8080 replaced by a free one); the Debug build in `artifacts/` that `./cloudservice` runs. " +
            "`run`: from process start to the fourth `<Instance>: Ready in` line; then `./cloudservice stop --state-dir S` and the wait for `run` to exit. " +
            $"Baseline: `./cloudservice host --role WebRole` on the same copy, from process start to its `{RunEntered}` line, then SIGTERM. " +
            $"Runs discarded because the script rebuilt: {discarded}.");
        text.AppendLine();
        text.AppendLine("| invocation | runs | median s | min s | max s | median ÷ baseline | exit codes |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        text.AppendLine($"| `./cloudservice run --csdef T/{BenchmarkService.CsdefName} --cscfg T/{BenchmarkService.CscfgName} --state-dir S` → 4 instances Ready " +
            $"| {run.Count} | {S(run.Median)} | {S(run.Min)} | {S(run.Max)} | {Stats.Ratio(run.Median, host.Median)} | {ExitCodes(runs.Select(sample => sample.RunExitCode))} (after `stop`) |");
        text.AppendLine($"| baseline: `./cloudservice host --role WebRole --csdef T/... --cscfg T/... --state-dir S` → `Run entered` " +
            $"| {host.Count} | {S(host.Median)} | {S(host.Min)} | {S(host.Max)} | 1.00× | {ExitCodes(hosts.Select(sample => sample.ExitCode))} (after SIGTERM) |");
        text.AppendLine();
        text.AppendLine("Where the time goes: medians over the runs, in seconds since `run` started, by when each stdout line arrived.");
        text.AppendLine();
        text.AppendLine("| step | median s | min s | max s |");
        text.AppendLine("|---|---:|---:|---:|");
        Row("`run` prints `Deployment ...` (CLI started, csdef and cscfg read and validated, instances planned)", sample => sample.DeploymentS);
        Row("`run` prints `Control API at ...` (load balancer and control API listening)", sample => sample.ControlS);
        Row("first instance `Ready in`", sample => sample.FirstReadyS);
        Row("fourth instance `Ready in`", sample => sample.ReadyS);
        Row("`./cloudservice stop` started → `run` exited (not in the time above)", sample => sample.StopS);
        text.AppendLine();
        text.AppendLine("Per instance (medians, seconds since `run` started; the last column is the time the emulator itself states in `Ready in X s`, from the instance's start):");
        text.AppendLine();
        text.AppendLine("| instance | `Starting` | `process N started` (startup tasks done) | `OnStart (Busy)` | `Ready in` | stated `Ready in X s` |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var id in InstanceIds)
        {
            text.AppendLine($"| {id} | {Median(sample => sample.Instances[id].Starting)} | {Median(sample => sample.Instances[id].ProcessStarted)} " +
                $"| {Median(sample => sample.Instances[id].OnStart)} | {Median(sample => sample.Instances[id].Ready)} | {Median(sample => sample.Instances[id].Stated)} |");
        }

        text.AppendLine();
        text.AppendLine($"Status after the fourth `Ready in` (control API, as `status --json`): all {InstanceIds.Length} Ready; {runs[0].Domains}.");
        text.AppendLine();
        text.AppendLine($"Target, median under {TargetSeconds:F0} s: {S(run.Median)} s (min {S(run.Min)}, max {S(run.Max)}), **{Report.Verdict(run.Median < TargetSeconds)}**; " +
            $"{Stats.Ratio(run.Median, host.Median)} of one bare web role instance ({S(host.Median)} s).");
        return text.ToString();

        void Row(string label, Func<RunSample, double> select)
        {
            var stats = new Stats(runs.Select(select));
            text.AppendLine($"| {label} | {S(stats.Median)} | {S(stats.Min)} | {S(stats.Max)} |");
        }

        string Median(Func<RunSample, double> select)
        {
            var values = runs.Select(select).Where(value => !double.IsNaN(value)).ToList();
            return values.Count == 0 ? "n/a" : S(new Stats(values).Median);
        }
    }

    private static string S(double seconds) => Stats.Ms(seconds, 2);

    private static string ExitCodes(IEnumerable<int> codes) => string.Join(", ", codes.Distinct().Order());
}
