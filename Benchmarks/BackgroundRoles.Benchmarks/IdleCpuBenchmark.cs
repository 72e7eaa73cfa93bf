using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Target 3: the CPU a <see cref="Supervisor"/> with 10 idle tasks uses, as a share of one core. The baseline (just
/// waiting), the same loops without a supervisor, and the supervisor each run in a child process of their own, one
/// after the other, and each child measures only a window that opens after a warm-up: neither process start nor the
/// first JIT counts, and no run counts another's work.
/// </summary>
internal static class IdleCpuBenchmark
{
    public const string ChildVerb = "idle-cpu-child";
    private const string Baseline = "baseline";
    private const string Loops = "loops";
    private const string Supervised = "supervisor";
    private const string ResultPrefix = "idle-cpu-result";
    private const int TaskCount = 10;
    private const double TargetPercent = 1;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<string> RunAsync(TimeSpan duration)
    {
        var load = MachineLoad.Start();
        Sample baseline = await MeasureInChildAsync(Baseline, duration).ConfigureAwait(false);
        Sample loops = await MeasureInChildAsync(Loops, duration).ConfigureAwait(false);
        Sample supervised = await MeasureInChildAsync(Supervised, duration).ConfigureAwait(false);

        var text = new StringBuilder();
        text.AppendLine($"### 3. Idle CPU: `Supervisor` with {TaskCount} idle tasks");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine($"Each row is its own child process (`{ChildVerb}`), run one after the other; it waits {WarmUp.TotalSeconds:F0} s " +
            "(start, first JIT), then measures `Process.TotalProcessorTime` over the window. Each task: `Heartbeat()`, then " +
            "`Task.Delay(1 s)`, StallTimeout 10 s. The middle row runs the same loops without a supervisor, to tell the supervisor's " +
            $"own work from the cost of {TaskCount} timers a second.");
        text.AppendLine();
        text.AppendLine("| measurement | wall s | CPU ms | of which kernel ms | share of one core | ÷ baseline | − baseline |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(Row("baseline: no supervisor, just waiting", baseline, baseline));
        text.AppendLine(Row($"{TaskCount} plain `Task.Delay(1 s)` loops, no supervisor", loops, baseline));
        text.AppendLine(Row($"`Supervisor` with {TaskCount} idle tasks", supervised, baseline));
        text.AppendLine();
        text.AppendLine($"Target, under {TargetPercent:F0}% of a core: {Stats.Ms(supervised.Share, 3)} % for the whole process " +
            $"({Stats.Ms(supervised.Share - baseline.Share, 3)} points above the baseline, {Stats.Ms(supervised.Share - loops.Share, 3)} above the plain loops), " +
            $"**{Report.Verdict(supervised.Share < TargetPercent)}**.");
        return text.ToString();
    }

    private sealed record Sample(double CpuMs, double KernelMs, double WallMs)
    {
        public double Share => CpuMs / WallMs * 100;
    }

    private static string Row(string label, Sample sample, Sample baseline) =>
        $"| {label} | {Stats.Ms(sample.WallMs / 1000)} | {Stats.Ms(sample.CpuMs)} | {Stats.Ms(sample.KernelMs)} | {Stats.Ms(sample.Share, 3)} % " +
        $"| {Stats.Ratio(sample.Share, baseline.Share)} | {Stats.Ms(sample.Share - baseline.Share, 3)} points |";

    /// <summary>The child's side: runs its mode, then prints CPU, kernel CPU and wall milliseconds of the window.</summary>
    public static async Task<int> ChildMainAsync(string mode, TimeSpan duration)
    {
        if (mode is not (Baseline or Loops or Supervised))
        {
            throw new ArgumentException($"Unknown mode '{mode}'.", nameof(mode));
        }

        using var stop = new CancellationTokenSource();
        await using Supervisor? supervisor = mode == Supervised ? new Supervisor(new SupervisorOptions(), NullLogger<Supervisor>.Instance) : null;
        Task? run = null;
        if (supervisor is not null)
        {
            var policy = new RestartPolicy { StallTimeout = TimeSpan.FromSeconds(10) };
            for (int i = 0; i < TaskCount; i++)
            {
                supervisor.Add($"idle-{i}", IdleAsync, policy);
            }

            run = supervisor.RunAsync(stop.Token);
        }
        else if (mode == Loops)
        {
            run = PlainLoopsAsync(stop.Token);
        }

        await Task.Delay(WarmUp).ConfigureAwait(false);
        var (cpuBefore, kernelBefore, wallBefore) = Now();
        await Task.Delay(duration).ConfigureAwait(false);
        var (cpuAfter, kernelAfter, wallAfter) = Now();

        await stop.CancelAsync().ConfigureAwait(false);
        if (run is not null)
        {
            await run.ConfigureAwait(false);
        }

        double cpuMs = (cpuAfter - cpuBefore).TotalMilliseconds;
        double kernelMs = (kernelAfter - kernelBefore).TotalMilliseconds;
        double wallMs = Stopwatch.GetElapsedTime(wallBefore, wallAfter).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ResultPrefix} {cpuMs:R} {kernelMs:R} {wallMs:R}"));
        return 0;

        static (TimeSpan Cpu, TimeSpan Kernel, long Wall) Now()
        {
            using var self = Process.GetCurrentProcess();
            return (self.TotalProcessorTime, self.PrivilegedProcessorTime, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>The same loops as the supervised tasks, minus the supervisor: the cost of the timers alone.</summary>
    private static async Task PlainLoopsAsync(CancellationToken cancellationToken)
    {
        var loops = Enumerable.Range(0, TaskCount).Select(_ => Task.Run(async () =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private static async Task IdleAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            context.Heartbeat();
            await Task.Delay(TimeSpan.FromSeconds(1), context.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Sample> MeasureInChildAsync(string mode, TimeSpan duration)
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
        double Field(int index) => double.Parse(fields[index], CultureInfo.InvariantCulture);
        return new Sample(Field(1), Field(2), Field(3));
    }
}
