using System.Diagnostics;
using System.Net;
using System.Text;
using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Emulator target 3: requests per second through the emulator's load balancer against the web role instance
/// directly, in the same run, in alternating rounds. <c>./cloudservice run</c> with 1 web instance (and 1 worker):
/// the balancer's public URL forwards every request to that one instance, whose private URL (from the status) is the
/// direct target, so the ratio is the balancer's cost alone. Two paths: <c>GET /nope</c> (no route: ASP.NET answers
/// 404 with problem details, no storage call; the web role's cheapest answer) and <c>GET /health</c> (one ping and two
/// queue-depth reads per queue on Azurite).
/// </summary>
internal static class BalancerBenchmark
{
    private const string Instance = "WebRole_IN_0";
    private const string EndpointName = "HttpIn";
    private const int Connections = 32;
    private const int HealthRounds = 2;
    private const int CheapRounds = 3;
    private const double TargetRatio = 0.8;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    private sealed record PathCase(string Path, HttpStatusCode Expected, int Rounds, string What);

    /// <summary>One round, with the CPU time the balancer's process (<c>run</c>) and the web role's process used during it, and the machine's busy share.</summary>
    private sealed record Round(PathCase Case, string Target, int Number, HttpLoad.Result Result, double BalancerCpuMs, double RoleCpuMs, double MachineBusy)
    {
        public double BalancerUsPerRequest => BalancerCpuMs * 1000 / Result.Requests;

        public double RoleUsPerRequest => RoleCpuMs * 1000 / Result.Requests;
    }

    public static async Task<string> RunAsync(string root, int roundSeconds)
    {
        var load = MachineLoad.Start();
        var duration = TimeSpan.FromSeconds(roundSeconds);
        var http = HttpLoad.Create(Connections);
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        using var service = BenchmarkService.Create(root, azurite.ConnectionString, webInstances: 1, workerInstances: 1);
        using var run = EmulatorRun.Start(service);
        _ = await run.WaitReadyAsync([Instance, "WorkerRole_IN_0"], TimeSpan.Zero, ReadyTimeout).ConfigureAwait(false);
        Uri balancer = run.PublicUrl($"WebRole/{EndpointName}");
        InstanceSnapshot instance = (await run.InstancesAsync().ConfigureAwait(false))[Instance];
        var endpoint = instance.Endpoints.Single(e => e.Name == EndpointName);
        Uri direct = new($"http://{endpoint.Address}:{endpoint.Port}/");
        var targets = new Dictionary<string, Uri> { ["direct"] = direct, ["balancer"] = balancer };

        PathCase[] cases =
        [
            new("/nope", HttpStatusCode.NotFound, CheapRounds, "no route: 404 problem details from ASP.NET, no storage call"),
            new("/health", HttpStatusCode.OK, HealthRounds, "Azurite ping and queue depths"),
        ];

        // Each path's answer first, through both, then an unmeasured warm-up of each, then the rounds: direct and
        // balancer in turn, the order swapped every round.
        var checks = new List<string>();
        using (var client = new HttpClient())
        {
            foreach (var pathCase in cases)
            {
                foreach (var (name, url) in targets)
                {
                    using var response = await client.GetAsync(new Uri(url, pathCase.Path)).ConfigureAwait(false);
                    if (response.StatusCode != pathCase.Expected)
                    {
                        throw new InvalidOperationException($"GET {pathCase.Path} through the {name} answered {(int)response.StatusCode}, not {(int)pathCase.Expected}.");
                    }

                    checks.Add($"{pathCase.Path} {name} {(int)response.StatusCode}");
                }
            }
        }

        using var balancerProcess = Process.GetProcessById(run.Process.ProcessId);
        using var roleProcess = Process.GetProcessById(instance.ProcessId ?? throw new InvalidOperationException($"{Instance} has no process."));
        var rounds = new List<Round>();
        foreach (var pathCase in cases)
        {
            foreach (var url in targets.Values)
            {
                _ = await http.RunAsync(new Uri(url, pathCase.Path), WarmUp, pathCase.Expected).ConfigureAwait(false);
            }

            for (int round = 1; round <= pathCase.Rounds; round++)
            {
                var order = round % 2 == 1 ? targets.ToList() : targets.Reverse().ToList();
                foreach (var (name, url) in order)
                {
                    TimeSpan balancerBefore = Cpu(balancerProcess), roleBefore = Cpu(roleProcess);
                    var machineBefore = MachineLoad.ReadCpu();
                    var result = await http.RunAsync(new Uri(url, pathCase.Path), duration, pathCase.Expected).ConfigureAwait(false);
                    double busy = (machineBefore, MachineLoad.ReadCpu()) is ({ } start, { } end) && end.Total > start.Total
                        ? (double)(end.Busy - start.Busy) / (end.Total - start.Total)
                        : double.NaN;
                    rounds.Add(new Round(pathCase, name, round, result, (Cpu(balancerProcess) - balancerBefore).TotalMilliseconds, (Cpu(roleProcess) - roleBefore).TotalMilliseconds, busy));
                }
            }
        }

        var after = (await run.InstancesAsync().ConfigureAwait(false))[Instance];
        var (stopTime, _, runExit, _) = await run.StopAsync().ConfigureAwait(false);
        return Format(http, cases, rounds, balancer, direct, after, stopTime, runExit, duration, load);
    }

    private static string Format(HttpLoad http, PathCase[] cases, List<Round> rounds, Uri balancer, Uri direct, InstanceSnapshot after, TimeSpan stopTime, int runExit, TimeSpan duration, MachineLoad load)
    {
        var text = new StringBuilder();
        text.AppendLine("### 10. Requests per second through the load balancer against the web role directly");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine("`./cloudservice run` of a service copy in a temporary folder (the Local cscfg with 1 web and 1 worker instance, StorageConnectionString pointing at this benchmark's Azurite; " +
            "the Debug build in `artifacts/`, balancer included). Targets: the balancer's public URL as `run` printed it " +
            $"(`{balancer}`), which sends every request to the one web instance, and that instance's private `{EndpointName}` URL from the status (`{direct}`). " +
            $"Load: {http.Generator}, on the same {Environment.ProcessorCount} cores as the balancer (in `run`'s process), the web role's process and Azurite. " +
            $"Per path: one unmeasured {WarmUp.TotalSeconds:F0} s warm-up on each target, then rounds of {duration.TotalSeconds:F0} s, direct and balancer in turn, the order swapped every round. " +
            "req/s: requests answered ÷ seconds, over the rounds; p50 and p99: the median over the rounds of each round's latency percentile (wrk's, or nearest-rank over every request). " +
            "\"Unexpected\": answers with another status, and socket errors. CPU per request: the CPU time (user + kernel, from /proc) that `run`'s process (the balancer; " +
            "the fabric idles meanwhile) and the web role's process used during the round, divided by the requests; machine busy: all cores, from /proc/stat.");
        text.AppendLine();
        text.AppendLine("| path | target | round | requests | seconds | req/s | p50 ms | p99 ms | unexpected | balancer CPU µs/req | web role CPU µs/req | machine busy |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var round in rounds)
        {
            var result = round.Result;
            text.AppendLine($"| `GET {round.Case.Path}` | {round.Target} | {round.Number} | {result.Requests} | {Stats.Ms(result.Seconds, 2)} | {Stats.Ms(result.PerSecond)} " +
                $"| {Stats.Ms(result.P50Ms, 2)} | {Stats.Ms(result.P99Ms, 2)} | {result.Unexpected} | {Stats.Ms(round.BalancerUsPerRequest)} | {Stats.Ms(round.RoleUsPerRequest)} " +
                $"| {Stats.Ms(round.MachineBusy * 100, 0)} % |");
        }

        text.AppendLine();
        text.AppendLine("| path | direct req/s | balancer req/s | balancer ÷ direct | direct p50 / p99 ms | balancer p50 / p99 ms | balancer − direct p50 ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var summaries = new Dictionary<string, (double Direct, double Balancer)>();
        foreach (var pathCase in cases)
        {
            var d = Summary(rounds, pathCase, "direct");
            var b = Summary(rounds, pathCase, "balancer");
            summaries[pathCase.Path] = (d.PerSecond, b.PerSecond);
            text.AppendLine($"| `GET {pathCase.Path}` ({pathCase.What}) | {Stats.Ms(d.PerSecond)} | {Stats.Ms(b.PerSecond)} | {Stats.Ratio(b.PerSecond, d.PerSecond)} " +
                $"| {Stats.Ms(d.P50, 2)} / {Stats.Ms(d.P99, 2)} | {Stats.Ms(b.P50, 2)} / {Stats.Ms(b.P99, 2)} | {Stats.Ms(b.P50 - d.P50, 2)} |");
        }

        text.AppendLine();
        text.AppendLine($"{Instance} after the load: {after.State}, restarts {after.Restarts}. `./cloudservice stop` then took {Stats.Ms(stopTime.TotalSeconds, 2)} s; `run` exited with {runExit}.");
        text.AppendLine();
        var (cheapDirect, cheapBalancer) = summaries[cases[0].Path];
        var (healthDirect, healthBalancer) = summaries[cases[1].Path];
        text.AppendLine($"Target, balancer ÷ direct at least {TargetRatio:F1} (judged on `GET {cases[0].Path}`, where the balancer's own cost shows most): " +
            $"{Stats.Ratio(cheapBalancer, cheapDirect)} ({Stats.Ms(cheapBalancer)} against {Stats.Ms(cheapDirect)} req/s), **{Report.Verdict(cheapBalancer / cheapDirect >= TargetRatio)}**; " +
            $"on `GET {cases[1].Path}`: {Stats.Ratio(healthBalancer, healthDirect)} ({Stats.Ms(healthBalancer)} against {Stats.Ms(healthDirect)} req/s), " +
            $"**{Report.Verdict(healthBalancer / healthDirect >= TargetRatio)}**.");
        return text.ToString();
    }

    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static (double PerSecond, double P50, double P99) Summary(List<Round> rounds, PathCase pathCase, string target)
    {
        var mine = rounds.Where(round => round.Case == pathCase && round.Target == target).Select(round => round.Result).ToList();
        return (mine.Sum(result => result.Requests) / mine.Sum(result => result.Seconds),
            new Stats(mine.Select(result => result.P50Ms)).Median,
            new Stats(mine.Select(result => result.P99Ms)).Median);
    }
}
