using System.Diagnostics;
using System.Text;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Issue 11: the VIP swap under a steady load. <c>./cloudservice run</c> of the real service (1 web, 1 worker) in
/// production, <c>./cloudservice deploy --slot staging</c> of the same build, a closed loop of <c>GET /health</c>
/// through the production balancer, then <c>./cloudservice swap</c>: the time from the command's start until every
/// request that starts is served by the other deployment (the web role's <c>X-Deployment-Id</c>), and the requests
/// that failed (target 0, and under 1 s).
/// </summary>
internal static class SwapBenchmark
{
    private const int Clients = 4;
    private const double TargetSeconds = 1;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(2);

    public static async Task<string> RunAsync(string root)
    {
        await using var emulator = await LoadedEmulator.StartAsync(root, instances: 1, ReadyTimeout).ConfigureAwait(false);
        var (service, run) = (emulator.Service, emulator.Run);
        using (var deploy = service.Start(["deploy", "--slot", "staging", "--csdef", service.Csdef, "--cscfg", service.Cscfg, "--state-dir", run.StateDirectory], "Deployment "))
        {
            if (await deploy.WaitForExitAsync(CommandTimeout).ConfigureAwait(false) is var code and not 0)
            {
                throw new InvalidOperationException($"`./cloudservice deploy --slot staging` exited with {code}:\n{deploy.Transcript()}");
            }
        }

        var before = (await run.StatusAsync().ConfigureAwait(false)).DeploymentId;
        var swapped = await emulator.UnderLoadAsync(Clients, Steady, async () =>
        {
            using var swap = service.Start(["swap", "--state-dir", run.StateDirectory], "Swapped in ");
            var exitCode = await swap.WaitForExitAsync(CommandTimeout).ConfigureAwait(false);
            return (ExitCode: exitCode, Printed: string.Join(' ', swap.Lines.Select(l => l.Line)));
        }).ConfigureAwait(false);

        var after = (await run.StatusAsync().ConfigureAwait(false)).DeploymentId;
        string exchanged = run.Process.Lines.Select(l => l.Line).LastOrDefault(l => l.StartsWith("Swap: ", StringComparison.Ordinal)) ?? "(no line)";
        var (stopTime, _, runExit, _) = await run.StopAsync().ConfigureAwait(false);
        var outcome = new Outcome(before, after, swapped.Samples, swapped.Started, swapped.Ended, swapped.Result.ExitCode, swapped.Result.Printed, exchanged);
        return Format(outcome, emulator.Load, stopTime, runExit);
    }

    private sealed record Outcome(
        string Before, string After, IReadOnlyList<RequestRecorder.Sample> Samples, long Started, long Ended, int ExitCode, string Printed, string Exchanged);

    private static string Format(Outcome outcome, MachineLoad load, TimeSpan stopTime, int runExit)
    {
        var failed = outcome.Samples.Where(s => s.Failed).ToList();
        var lastOld = outcome.Samples.Where(s => s.DeploymentId == outcome.Before).Select(s => s.Started).DefaultIfEmpty(outcome.Started).Max();
        var afterCommand = outcome.Samples.Where(s => s.Started > outcome.Ended).ToList();
        bool allNewAfter = afterCommand.Count > 0 && afterCommand.All(s => s.DeploymentId == outcome.After);
        var toAllNew = Stopwatch.GetElapsedTime(outcome.Started, Math.Max(lastOld, outcome.Started));
        var command = Stopwatch.GetElapsedTime(outcome.Started, outcome.Ended);

        var text = new StringBuilder();
        text.AppendLine("### VIP swap under load");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine("`./cloudservice run` of a service copy (1 web and 1 worker instance, the benchmark's Azurite, the Debug build) in production, and " +
            "`./cloudservice deploy --slot staging` of the same build. Load: " +
            $"{Clients} clients in the harness, each sending `GET /health` through the production balancer as soon as the last answer came, {Steady.TotalSeconds:F0} s before and after the swap; " +
            "each answer's `X-Deployment-Id` says which deployment served it. Command to all new: from starting `./cloudservice swap` (a new process: " +
            ".NET start-up and the control API call included) to the start of the last request the old deployment served; every request that started later went to the other one.");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine($"| requests | {outcome.Samples.Count} |");
        text.AppendLine($"| failed | {failed.Count} |");
        text.AppendLine($"| command to all new requests on the other deployment | {Stats.Ms(toAllNew.TotalMilliseconds, 0)} ms |");
        text.AppendLine($"| the command, start to exit | {Stats.Ms(command.TotalMilliseconds, 0)} ms |");
        text.AppendLine($"| requests after the command, all on {outcome.After} | {(allNewAfter ? "yes" : "no")} ({afterCommand.Count}) |");
        text.AppendLine();
        text.AppendLine($"Production ran {outcome.Before} before and {outcome.After} after. The command printed `{outcome.Printed}` (exit {outcome.ExitCode}); `run` printed `{outcome.Exchanged}`. " +
            $"`./cloudservice stop` then took {Stats.Ms(stopTime.TotalSeconds, 2)} s; `run` exited with {runExit}." +
            (failed.Count == 0 ? string.Empty : $" Failures: {string.Join("; ", failed.Select(f => f.Failure).Distinct())}."));
        text.AppendLine();
        bool met = failed.Count == 0 && allNewAfter && toAllNew.TotalSeconds < TargetSeconds && outcome.Before != outcome.After;
        text.AppendLine($"Target, 0 failed requests and every new request on the other deployment within {TargetSeconds:F0} s of the command: " +
            $"{failed.Count} failed, {Stats.Ms(toAllNew.TotalMilliseconds, 0)} ms, **{Report.Verdict(met)}**.");
        return text.ToString();
    }
}
