using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Target 3: the CPU a <see cref="Supervisor"/> with 10 idle tasks uses, as a share of one core. The baseline (just
/// waiting) and the supervisor each run in a child process of their own, one after the other, and each child measures
/// only a window that opens after a warm-up: neither JIT nor process start counts, and neither run counts the other.
/// </summary>
internal static class IdleCpuBenchmark
{
    public const string ChildVerb = "idle-cpu-child";
    private const string Baseline = "baseline";
    private const string Supervised = "supervisor";
    private const string ResultPrefix = "idle-cpu-result";
    private const int TaskCount = 10;
    private const double TargetPercent = 1;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<string> RunAsync(TimeSpan duration)
    {
        string load = Report.LoadLine;
        var (baselineCpu, baselineWall) = await MeasureInChildAsync(Baseline, duration).ConfigureAwait(false);
        var (supervisedCpu, supervisedWall) = await MeasureInChildAsync(Supervised, duration).ConfigureAwait(false);
        double baselineShare = baselineCpu / baselineWall * 100;
        double supervisedShare = supervisedCpu / supervisedWall * 100;

        var text = new StringBuilder();
        text.AppendLine($"### 3. Idle CPU: `Supervisor` with {TaskCount} idle tasks");
        text.AppendLine();
        text.AppendLine(load);
        text.AppendLine();
        text.AppendLine($"Each row is its own child process (`{ChildVerb}`); it waits {WarmUp.TotalSeconds:F0} s (start, JIT), then measures " +
            "`Process.TotalProcessorTime` over the window. Tasks: `Heartbeat()`, then `Task.Delay(1 s)`, StallTimeout 10 s.");
        text.AppendLine();
        text.AppendLine("| measurement | wall s | CPU ms | share of one core |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine($"| baseline: no supervisor, just waiting | {Stats.Ms(baselineWall / 1000)} | {Stats.Ms(baselineCpu)} | {Stats.Ms(baselineShare, 3)} % |");
        text.AppendLine($"| `Supervisor` with {TaskCount} idle tasks | {Stats.Ms(supervisedWall / 1000)} | {Stats.Ms(supervisedCpu)} | {Stats.Ms(supervisedShare, 3)} % |");
        text.AppendLine($"| supervisor ÷ baseline | | | {Stats.Ratio(supervisedShare, baselineShare)} |");
        text.AppendLine($"| supervisor − baseline | | {Stats.Ms(supervisedCpu - baselineCpu)} | {Stats.Ms(supervisedShare - baselineShare, 3)} points |");
        text.AppendLine();
        text.AppendLine($"Target, under {TargetPercent:F0}% of a core: {Stats.Ms(supervisedShare, 3)} % for the whole process " +
            $"({Stats.Ms(supervisedShare - baselineShare, 3)} points above the baseline), **{Report.Verdict(supervisedShare < TargetPercent)}**.");
        return text.ToString();
    }

    /// <summary>The child's side: waits (with a supervisor, or without) and prints CPU and wall milliseconds.</summary>
    public static async Task<int> ChildMainAsync(string mode, TimeSpan duration)
    {
        if (mode is not (Baseline or Supervised))
        {
            throw new ArgumentException($"Unknown mode '{mode}'.", nameof(mode));
        }

        using var stop = new CancellationTokenSource();
        await using Supervisor? supervisor = mode == Supervised ? new Supervisor(new SupervisorOptions(), NullLogger<Supervisor>.Instance) : null;
        Task<SupervisorOutcome>? run = null;
        if (supervisor is not null)
        {
            var policy = new RestartPolicy { StallTimeout = TimeSpan.FromSeconds(10) };
            for (int i = 0; i < TaskCount; i++)
            {
                supervisor.Add($"idle-{i}", IdleAsync, policy);
            }

            run = supervisor.RunAsync(stop.Token);
        }

        await Task.Delay(WarmUp).ConfigureAwait(false);
        var (cpuBefore, wallBefore) = Now();
        await Task.Delay(duration).ConfigureAwait(false);
        var (cpuAfter, wallAfter) = Now();

        await stop.CancelAsync().ConfigureAwait(false);
        if (run is not null)
        {
            await run.ConfigureAwait(false);
        }

        double cpuMs = (cpuAfter - cpuBefore).TotalMilliseconds;
        double wallMs = Stopwatch.GetElapsedTime(wallBefore, wallAfter).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ResultPrefix} {cpuMs:R} {wallMs:R}"));
        return 0;

        static (TimeSpan Cpu, long Wall) Now()
        {
            using var self = Process.GetCurrentProcess();
            return (self.TotalProcessorTime, Stopwatch.GetTimestamp());
        }
    }

    private static async Task IdleAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            context.Heartbeat();
            await Task.Delay(TimeSpan.FromSeconds(1), context.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(double CpuMs, double WallMs)> MeasureInChildAsync(string mode, TimeSpan duration)
    {
        string[] arguments = [typeof(IdleCpuBenchmark).Assembly.Location, ChildVerb, mode, duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)];
        using var child = TimedProcess.Start(Environment.CurrentDirectory, "dotnet", arguments, ResultPrefix);
        int exitCode = await child.WaitForExitAsync(duration + TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        string? line = child.Transcript().Split('\n').FirstOrDefault(candidate => candidate.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (exitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"{ChildVerb} {mode} failed with exit code {exitCode}.\n{child.Transcript()}");
        }

        string[] fields = line.Split(' ');
        return (double.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture));
    }
}
