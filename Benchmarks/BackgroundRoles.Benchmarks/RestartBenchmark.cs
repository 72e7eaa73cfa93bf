using System.Diagnostics;
using System.Text;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Target 2: how far past its 20 ms backoff a task that throws on every start is started again, with the real
/// clock; against a plain <c>await Task.Delay(20 ms)</c> loop timed the same way. The supervisor's
/// <see cref="Supervisor.HealthChanged"/> events (BackingOff, then Running) split each gap into three stages.
/// </summary>
internal static class RestartBenchmark
{
    private const int WarmUp = 100;
    private const double TargetMs = 1;
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>One restart: throw → BackingOff event → Running event → the task's next start.</summary>
    private sealed record Restart(TimeSpan Handling, TimeSpan Delay, TimeSpan Dispatch)
    {
        public TimeSpan Gap => Handling + Delay + Dispatch;
    }

    public static async Task<string> RunAsync(int restarts)
    {
        var load = MachineLoad.Start();
        List<TimeSpan> delays = await DelayLoopAsync(WarmUp + restarts).ConfigureAwait(false);
        List<Restart> supervised = await SupervisedRestartsAsync(WarmUp + restarts).ConfigureAwait(false);
        // The first samples pay for JIT and the first timer.
        return Format(Overshoots(delays.Skip(WarmUp)), supervised.Skip(WarmUp).ToList(), restarts, TickStepMs(), load);
    }

    /// <summary>Each gap from just before the delay to just after it.</summary>
    private static async Task<List<TimeSpan>> DelayLoopAsync(int count)
    {
        var gaps = new List<TimeSpan>(count);
        for (int i = 0; i < count; i++)
        {
            long before = Stopwatch.GetTimestamp();
            await Task.Delay(Backoff).ConfigureAwait(false);
            gaps.Add(Stopwatch.GetElapsedTime(before));
        }

        return gaps;
    }

    /// <summary>Each restart, from just before the task's throw to the start of its next run.</summary>
    private static async Task<List<Restart>> SupervisedRestartsAsync(int count)
    {
        var restarts = new List<Restart>(count);
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long thrownAt = 0;
        long backingOffAt = 0;
        long runningAt = 0;
        var policy = new RestartPolicy
        {
            UseJitter = false,
            InitialBackoff = Backoff,
            MaxBackoff = Backoff,
            MaxRestarts = int.MaxValue,
        };

        await using var supervisor = new Supervisor(new SupervisorOptions { TimeProvider = TimeProvider.System }, NullLogger<Supervisor>.Instance);

        // The events and the runs follow one another (each awaits the one before), so the captured state needs no lock.
        supervisor.HealthChanged += (_, health) =>
        {
            if (health.State == TaskState.BackingOff)
            {
                backingOffAt = Stopwatch.GetTimestamp();
            }
            else if (health.State == TaskState.Running)
            {
                runningAt = Stopwatch.GetTimestamp();
            }
        };
        supervisor.Add("thrower", (context, cancellationToken) =>
        {
            long startedAt = Stopwatch.GetTimestamp();
            if (thrownAt != 0 && restarts.Count < count)
            {
                restarts.Add(new Restart(
                    Stopwatch.GetElapsedTime(thrownAt, backingOffAt),
                    Stopwatch.GetElapsedTime(backingOffAt, runningAt),
                    Stopwatch.GetElapsedTime(runningAt, startedAt)));
                if (restarts.Count == count)
                {
                    enough.TrySetResult();
                }
            }

            thrownAt = Stopwatch.GetTimestamp();
            throw new InvalidOperationException("Fails on every start.");
        }, policy);

        using var stop = new CancellationTokenSource();
        Task<SupervisorOutcome> run = supervisor.RunAsync(stop.Token);
        await enough.Task.WaitAsync(Timeout).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        SupervisorOutcome outcome = await run.ConfigureAwait(false);
        if (outcome.Kind != SupervisorOutcomeKind.Stopped)
        {
            throw new InvalidOperationException($"The supervisor ended as {outcome.Kind}, not Stopped.");
        }

        return restarts;
    }

    /// <summary>Milliseconds past the backoff.</summary>
    private static Stats Overshoots(IEnumerable<TimeSpan> gaps) => new(gaps.Select(gap => (gap - Backoff).TotalMilliseconds));

    /// <summary>
    /// The step in which <see cref="Environment.TickCount64"/> advances: on Linux it is the clock of .NET's timer
    /// queue, so a timer can fire up to about one step early or late, whoever sets it.
    /// </summary>
    private static long TickStepMs()
    {
        long smallest = long.MaxValue;
        long last = Environment.TickCount64;
        var spin = Stopwatch.StartNew();
        for (int steps = 0; steps < 5 && spin.Elapsed < TimeSpan.FromSeconds(1);)
        {
            long now = Environment.TickCount64;
            if (now != last)
            {
                smallest = Math.Min(smallest, now - last);
                last = now;
                steps++;
            }
        }

        return smallest;
    }

    private static string Format(Stats baseline, List<Restart> restarts, int count, long tickStepMs, MachineLoad load)
    {
        Stats supervised = Overshoots(restarts.Select(restart => restart.Gap));
        var text = new StringBuilder();
        text.AppendLine("### 2. Supervisor restart overhead: overshoot past a 20 ms backoff");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine($"{count} samples of each after {WarmUp} unmeasured ones; `TimeProvider.System`, no jitter, " +
            "overshoot = measured gap − 20 ms; percentiles are nearest-rank. Baseline first, then the supervisor, in one process.");
        text.AppendLine();
        text.AppendLine("| measurement | p50 overshoot ms | p99 overshoot ms | min ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        text.AppendLine($"| baseline: `await Task.Delay(20 ms)` loop | {Row(baseline)} |");
        text.AppendLine($"| `Supervisor`: throw → next start | {Row(supervised)} |");
        text.AppendLine($"| supervisor ÷ baseline | {Stats.Ratio(supervised.Median, baseline.Median)} | {Stats.Ratio(supervised.Percentile(99), baseline.Percentile(99))} | | |");
        text.AppendLine($"| supervisor − baseline | {Stats.Ms(supervised.Median - baseline.Median, 3)} | {Stats.Ms(supervised.Percentile(99) - baseline.Percentile(99), 3)} | | |");
        text.AppendLine();
        text.AppendLine("Where the supervisor's gap goes, split by its `HealthChanged` events (ms; the delay stage minus 20 ms):");
        text.AppendLine();
        text.AppendLine("| stage | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine($"| throw → `BackingOff` (fault seen, classified, counted; Polly asks for the delay) | {Stage(restarts.Select(restart => restart.Handling.TotalMilliseconds))} |");
        text.AppendLine($"| `BackingOff` → `Running` (Polly's 20 ms delay on the timer, overshoot) | {Stage(restarts.Select(restart => (restart.Delay - Backoff).TotalMilliseconds))} |");
        text.AppendLine($"| `Running` → task body starts (`Task.Run` of the new attempt) | {Stage(restarts.Select(restart => restart.Dispatch.TotalMilliseconds))} |");
        text.AppendLine();
        double p99 = supervised.Percentile(99);
        text.AppendLine($"Target, restarted within {TargetMs:F0} ms beyond the backoff (judged on p99): p99 {Stats.Ms(p99, 3)} ms, " +
            $"p50 {Stats.Ms(supervised.Median, 3)} ms, **{Report.Verdict(p99 <= TargetMs)}**. " +
            $"For scale: `Environment.TickCount64`, the clock of .NET's timer queue on Linux, advances in steps of {tickStepMs} ms here.");
        return text.ToString();

        static string Row(Stats stats) =>
            $"{Stats.Ms(stats.Median, 3)} | {Stats.Ms(stats.Percentile(99), 3)} | {Stats.Ms(stats.Min, 3)} | {Stats.Ms(stats.Max, 3)}";

        static string Stage(IEnumerable<double> values)
        {
            var stats = new Stats(values);
            return $"{Stats.Ms(stats.Median, 3)} | {Stats.Ms(stats.Percentile(99), 3)} | {Stats.Ms(stats.Max, 3)}";
        }
    }
}
