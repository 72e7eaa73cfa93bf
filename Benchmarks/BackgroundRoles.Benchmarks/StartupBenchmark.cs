using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Target 1: from process start to the role host's <c>Run entered</c> line, for <c>./cloudservice host</c> and for
/// <c>dotnet cloudservice.dll host</c>, against a trivial .NET process printing its first line. The three are run in
/// turn, round after round, so that a change in machine load touches all of them alike. The worker role connects to
/// storage in OnStart, and <c>host</c> starts Azurite itself for <c>UseDevelopmentStorage=true</c> when nothing listens
/// on the default ports; so the role gets a copy of the service whose StorageConnectionString is this benchmark's own
/// Azurite, started before the runs: the time includes OnStart's storage calls, not an Azurite start.
/// </summary>
internal static class StartupBenchmark
{
    /// <summary>The child of the storage diagnostic: times the worker's OnStart storage setup in a fresh process.</summary>
    public const string StorageChildVerb = "storage-open-child";
    private const string StorageResult = "storage-open";
    private const int StorageRuns = 5;
    private const string RunEntered = "RoleHost: Run entered";
    private const string CliStarted = ": started as process";
    private const string RoleStarting = "starting: OnStart";
    private const string Rebuilding = "cloudservice: building the service";
    private const string CliDll = "artifacts/bin/cloudservice/debug/cloudservice.dll";
    private const double TargetMs = 500;
    private const int MaxDiscarded = 5;

    // The first run of the script may build the whole service.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromMinutes(1);

    private sealed record Variant(string Label, string FileName, IReadOnlyList<string> Arguments, string ReadyMarker, bool IsRole);

    private sealed record Sample(double ReadyMs, double? CliLineMs, double? RoleLineMs, double StopMs, int ExitCode);

    /// <summary>The storage diagnostic: the first <c>EnsureAllAsync</c> of a fresh process, and a second one on a new client in the same process.</summary>
    private sealed record StorageSample(double FirstMs, double SecondMs);

    public static async Task<string> RunAsync(string root, int runs)
    {
        var load = MachineLoad.Start();
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        using var service = BenchmarkService.Create(root, azurite.ConnectionString, webInstances: 1, workerInstances: 1);
        using var classic = await ClassicService.CreateAsync(root).ConfigureAwait(false);
        string[] host = ["host", "--role", "WorkerRole", "--csdef", service.Csdef, "--cscfg", service.Cscfg];
        string[] classicHost = ["host", "--role", "ClassicRole", "--csdef", classic.Csdef, "--cscfg", classic.Cscfg];
        Variant[] variants =
        [
            new($"./cloudservice host --role WorkerRole --csdef C/{BenchmarkService.CsdefName} --cscfg C/{BenchmarkService.CscfgName} --state-dir T", Path.Combine(root, "cloudservice"), host, RunEntered, IsRole: true),
            new($"dotnet {CliDll} host ... (no bash script)", "dotnet", [CliDll, .. host], RunEntered, IsRole: true),
            new($"dotnet {CliDll} host --role ClassicRole ... (SDK code on the compat assembly)", "dotnet", [CliDll, .. classicHost], RunEntered, IsRole: true),
            new("baseline: dotnet BackgroundRoles.Benchmarks.dll noop (first line)", "dotnet", [typeof(StartupBenchmark).Assembly.Location, Program.Noop], Program.Noop, IsRole: false),
        ];

        // Unmeasured warm-up of each (the script's run builds the service if a source changed), then the rounds.
        foreach (var variant in variants)
        {
            await RunOnceAsync(root, variant).ConfigureAwait(false);
        }

        var samples = variants.ToDictionary(variant => variant, _ => new List<Sample>());
        int discarded = 0;
        for (int round = 0; round < runs; round++)
        {
            foreach (var variant in variants)
            {
                Sample? sample;
                while ((sample = await RunOnceAsync(root, variant).ConfigureAwait(false)) is null)
                {
                    // Someone changed a source meanwhile and the script rebuilt: that run measured a build.
                    if (++discarded > MaxDiscarded)
                    {
                        throw new InvalidOperationException("The service kept rebuilding; stop editing sources while measuring.");
                    }
                }

                samples[variant].Add(sample);
            }
        }

        var storage = new List<StorageSample>();
        for (int i = 0; i < StorageRuns; i++)
        {
            storage.Add(await RunStorageChildAsync(root, azurite.ConnectionString).ConfigureAwait(false));
        }

        return Format(variants, samples, runs, discarded, storage, load);
    }

    private static async Task<StorageSample> RunStorageChildAsync(string root, string connectionString)
    {
        using var child = TimedProcess.Start(root, "dotnet", [typeof(StartupBenchmark).Assembly.Location, StorageChildVerb, connectionString], StorageResult);
        if (await child.WaitReadyAsync(ReadyTimeout).ConfigureAwait(false) is null || await child.WaitForExitAsync(ExitTimeout).ConfigureAwait(false) != 0)
        {
            throw new InvalidOperationException($"The storage diagnostic failed:\n{child.Transcript()}");
        }

        string[] fields = child.Transcript().Split('\n').First(line => line.StartsWith(StorageResult + " ", StringComparison.Ordinal)).Split(' ');
        return new StorageSample(double.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The storage diagnostic's child (Release): <c>JobStorage.Create</c> and <c>EnsureAllAsync</c> of the queues,
    /// containers and tables the worker role's OnStart creates (they exist already), timed in a fresh process, then
    /// again on a new <see cref="JobStorage"/> in the same, now warm, process.
    /// </summary>
    public static async Task<int> StorageChildMainAsync(string connectionString)
    {
        double first = await EnsureAllAsync().ConfigureAwait(false);
        double second = await EnsureAllAsync().ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{StorageResult} {first:F1} {second:F1}"));
        return 0;

        async Task<double> EnsureAllAsync()
        {
            long start = Stopwatch.GetTimestamp();
            var storage = JobStorage.Create(connectionString);
            await storage.EnsureAllAsync(JobQueues.All, JobQueues.Containers, JobQueues.Tables, CancellationToken.None).ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    }

    /// <summary>One run; null when the script rebuilt the service first.</summary>
    private static async Task<Sample?> RunOnceAsync(string root, Variant variant)
    {
        DirectoryInfo? state = variant.IsRole ? Directory.CreateTempSubdirectory("backgroundroles-bench-") : null;
        try
        {
            IEnumerable<string> arguments = state is null ? variant.Arguments : [.. variant.Arguments, "--state-dir", state.FullName];
            using var process = TimedProcess.Start(root, variant.FileName, arguments, variant.ReadyMarker);
            TimeSpan? ready = await process.WaitReadyAsync(ReadyTimeout).ConfigureAwait(false);
            var (exitCode, stopTime) = variant.IsRole
                ? await process.TerminateAsync(ExitTimeout).ConfigureAwait(false)
                : (await process.WaitForExitAsync(ExitTimeout).ConfigureAwait(false), TimeSpan.Zero);
            if (ready is null)
            {
                throw new InvalidOperationException($"{variant.Label}: no line with '{variant.ReadyMarker}' (exit code {exitCode}).\n{process.Transcript()}");
            }

            if (process.StandardError.Contains(Rebuilding, StringComparison.Ordinal))
            {
                return null;
            }

            return new Sample(
                ready.Value.TotalMilliseconds,
                process.TimeOf(CliStarted)?.TotalMilliseconds,
                process.TimeOf(RoleStarting)?.TotalMilliseconds,
                stopTime.TotalMilliseconds,
                exitCode);
        }
        finally
        {
            state?.Delete(recursive: true);
        }
    }

    private static string Format(Variant[] variants, Dictionary<Variant, List<Sample>> samples, int runs, int discarded, List<StorageSample> storage, MachineLoad load)
    {
        var ready = variants.ToDictionary(variant => variant, variant => new Stats(samples[variant].Select(sample => sample.ReadyMs)));
        double baseline = ready[variants[^1]].Median;
        var text = new StringBuilder();
        text.AppendLine($"### 1. Role process start: process start → `{RunEntered}`");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine($"{runs} measured runs of each, taken in turn after one unmeasured warm-up run of each; a fresh `--state-dir` per run; " +
            $"SIGTERM once the line appeared. Runs discarded because the script rebuilt: {discarded}. " +
            "C: a temporary copy of the repository's csdef and Local cscfg whose StorageConnectionString points at an Azurite this benchmark started " +
            "on free ports before the runs, so no run starts an Azurite.");
        text.AppendLine();
        text.AppendLine("| invocation | median ms | min ms | max ms | median ÷ baseline | exit codes |");
        text.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var variant in variants)
        {
            var stats = ready[variant];
            string exitCodes = string.Join(", ", samples[variant].Select(sample => sample.ExitCode).Distinct().Order());
            text.AppendLine($"| `{variant.Label}` | {Stats.Ms(stats.Median)} | {Stats.Ms(stats.Min)} | {Stats.Ms(stats.Max)} | {Stats.Ratio(stats.Median, baseline)} | {exitCodes} |");
        }

        text.AppendLine();
        text.AppendLine("Where the time goes: medians in ms since process start, by when each stdout line arrived.");
        text.AppendLine();
        text.AppendLine("| invocation | CLI prints `started as process` | role logs `starting: OnStart` | role logs `Run entered` | SIGTERM → exit |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var variant in variants.Where(variant => variant.IsRole))
        {
            var list = samples[variant];
            text.AppendLine($"| `{variant.Label.Split(' ')[0]}{(variant.FileName == "dotnet" ? " cloudservice.dll" : string.Empty)}{(variant.Arguments.Contains("ClassicRole") ? " (ClassicRole)" : string.Empty)}` " +
                $"| {MedianOf(list, sample => sample.CliLineMs)} | {MedianOf(list, sample => sample.RoleLineMs)} " +
                $"| {Stats.Ms(ready[variant].Median)} | {Stats.Ms(new Stats(list.Select(sample => sample.StopMs)).Median)} |");
        }

        var firstStorage = new Stats(storage.Select(sample => sample.FirstMs));
        var secondStorage = new Stats(storage.Select(sample => sample.SecondMs));
        text.AppendLine();
        text.AppendLine($"Diagnostic, the storage part of the worker's OnStart: `JobStorage.Create` + `EnsureAllAsync` of its {JobQueues.All.Count} queues (each with its poison queue), " +
            $"{JobQueues.Containers.Count} containers and {JobQueues.Tables.Count} tables, all existing already, on the same Azurite, in a fresh process (`{StorageChildVerb}`, Release), " +
            $"{StorageRuns} processes; then once more on a new client in the same process. (The role's OnStart also seeds the inventory table, not timed here.)");
        text.AppendLine();
        text.AppendLine("| call | median ms | min ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine($"| first in a fresh process | {Stats.Ms(firstStorage.Median)} | {Stats.Ms(firstStorage.Min)} | {Stats.Ms(firstStorage.Max)} |");
        text.AppendLine($"| second, new client, same process | {Stats.Ms(secondStorage.Median)} | {Stats.Ms(secondStorage.Min)} | {Stats.Ms(secondStorage.Max)} |");

        double script = ready[variants[0]].Median;
        double dll = ready[variants[1]].Median;
        double compat = ready[variants[2]].Median;
        text.AppendLine();
        text.AppendLine($"The bash script (its staleness check with `find`, then `exec dotnet`) adds {Stats.Ms(script - dll)} ms (median − median).");
        text.AppendLine();
        text.AppendLine($"Target, median under {TargetMs:F0} ms: `./cloudservice` {Stats.Ms(script)} ms, **{Report.Verdict(script < TargetMs)}**; " +
            $"`dotnet cloudservice.dll` {Stats.Ms(dll)} ms, **{Report.Verdict(dll < TargetMs)}**; " +
            $"ClassicRole with the compat assembly {Stats.Ms(compat)} ms, **{Report.Verdict(compat < TargetMs)}**.");
        return text.ToString();
    }

    private static string MedianOf(List<Sample> samples, Func<Sample, double?> select)
    {
        var values = samples.Select(select).OfType<double>().ToList();
        return values.Count == 0 ? "n/a" : Stats.Ms(new Stats(values).Median);
    }
}
