using System.Diagnostics;
using System.Text;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Issue 11: an in-place upgrade by update domain under a steady load. <c>./cloudservice run</c> of the real service
/// with 2 web and 2 worker instances (update domains 0 and 1), a closed loop of <c>GET /health</c> through the
/// production balancer, then <c>./cloudservice upgrade --slot production</c> of the same build (packaged again: a new
/// package): the time of each update domain (out of rotation to Ready on the new package, from the emulator's upgrade
/// status), the command's time, and the requests that failed during the walk (target 0).
/// </summary>
internal static class UpgradeBenchmark
{
    private const int Instances = 2;
    private const int Clients = 4;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan UpgradeTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(2);

    public static async Task<string> RunAsync(string root)
    {
        await using var emulator = await LoadedEmulator.StartAsync(root, Instances, ReadyTimeout).ConfigureAwait(false);
        var (service, run) = (emulator.Service, emulator.Run);
        var upgraded = await emulator.UnderLoadAsync(Clients, Steady, async () =>
        {
            using var upgrade = service.Start(["upgrade", "--slot", "production", "--csdef", service.Csdef, "--cscfg", service.Cscfg, "--state-dir", run.StateDirectory], "Upgrade done in ");
            var code = await upgrade.WaitForExitAsync(UpgradeTimeout).ConfigureAwait(false);

            // The packaging lines name the build's folder on this machine; the walk's lines are what the report needs.
            IReadOnlyList<string> lines = [.. upgrade.Lines.Select(l => l.Line).Where(l => !l.StartsWith("package: ", StringComparison.Ordinal))];
            return (ExitCode: code, Printed: lines);
        }).ConfigureAwait(false);

        var (exitCode, printed) = upgraded.Result;
        var status = await run.StatusAsync().ConfigureAwait(false);
        var (stopTime, _, runExit, _) = await run.StopAsync().ConfigureAwait(false);
        if (status.Upgrade is not { } walk)
        {
            throw new InvalidOperationException($"`./cloudservice upgrade` exited with {exitCode} and the status shows no upgrade:\n{string.Join('\n', printed)}");
        }

        return Format(new Outcome(walk, status, upgraded.Samples, upgraded.Started, upgraded.Ended, exitCode, printed), emulator.Load, stopTime, runExit);
    }

    private sealed record Outcome(
        UpgradeSnapshot Walk, DeploymentSnapshot Status, IReadOnlyList<RequestRecorder.Sample> Samples, long Started, long Ended, int ExitCode, IReadOnlyList<string> Printed);

    private static string Format(Outcome outcome, MachineLoad load, TimeSpan stopTime, int runExit)
    {
        var walk = outcome.Walk;
        var during = outcome.Samples.Where(s => s.Ended >= outcome.Started && s.Started <= outcome.Ended).ToList();
        var failed = during.Where(s => s.Failed).ToList();
        var allFailed = outcome.Samples.Count(s => s.Failed);
        var onNew = outcome.Status.Roles.SelectMany(r => r.Instances).ToList();
        bool allOnNew = onNew.All(i => i.Package == walk.ToPackage && i.State == Fabric.Instances.InstanceState.Ready);
        var command = Stopwatch.GetElapsedTime(outcome.Started, outcome.Ended);

        var text = new StringBuilder();
        text.AppendLine("### Upgrade by update domain under load");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine($"`./cloudservice run` of a service copy (the Local cscfg with {Instances} web and {Instances} worker instances, so update domains 0 and 1 hold one of each; " +
            "the benchmark's Azurite; the Debug build). Load: " +
            $"{Clients} clients in the harness, each sending `GET /health` through the production balancer as soon as the last answer came (about {Steady.TotalSeconds:F0} s before and after the upgrade). " +
            "Then `./cloudservice upgrade --slot production` of the same build, packaged again by the command (a new package). " +
            "A domain's time is the emulator's: from taking its instances out of the balancer's rotation (then " +
            $"{Fabric.FabricDefaults.UpgradeDrainTime.TotalSeconds:F0} s for requests in flight, Stopping and OnStop, the start on the new package) until each is Ready. " +
            "A failed request: anything but a 200 (a refused connection, a 502 or 503 from the balancer).");
        text.AppendLine();
        text.AppendLine("| update domain | instances | time (out of rotation to Ready) |");
        text.AppendLine("|---:|---|---:|");
        foreach (var domain in walk.Domains)
        {
            text.AppendLine($"| {domain.Domain} | {string.Join(", ", domain.Instances)} | {(domain.Took is { } took ? $"{Stats.Ms(took.TotalSeconds, 2)} s" : domain.State.ToString())} |");
        }

        text.AppendLine();
        text.AppendLine($"The walk: {walk.State} in {(walk.Took is { } total ? Stats.Ms(total.TotalSeconds, 2) : "?")} s; the command (packaging the build, the walk, its progress lines) " +
            $"took {Stats.Ms(command.TotalSeconds, 2)} s and exited with {outcome.ExitCode}. Afterwards every instance runs package `{walk.ToPackage}` and is Ready: {(allOnNew ? "yes" : "no")} " +
            $"({string.Join(", ", onNew.Select(i => $"{i.InstanceId} {i.State} on `{i.Package}`"))}).");
        text.AppendLine();
        text.AppendLine($"Requests: {outcome.Samples.Count} in all, {allFailed} failed; {during.Count} while the command ran, {failed.Count} of them failed" +
            (failed.Count == 0 ? "." : $" ({string.Join("; ", failed.Select(f => f.Failure).Distinct())})."));
        text.AppendLine();
        text.AppendLine("What the command printed (after its packaging lines):");
        text.AppendLine();
        text.AppendLine("```");
        foreach (var line in outcome.Printed)
        {
            text.AppendLine(line);
        }

        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine($"`./cloudservice stop` then took {Stats.Ms(stopTime.TotalSeconds, 2)} s; `run` exited with {runExit}.");
        text.AppendLine();
        text.AppendLine($"Target, 0 failed requests during the walk: {failed.Count}, **{Report.Verdict(failed.Count == 0 && walk.State == UpgradeState.Completed)}**.");
        return text.ToString();
    }
}
