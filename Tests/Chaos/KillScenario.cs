using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.Chaos;

/// <summary>
/// N orders through the web role while worker role processes are killed with SIGKILL M times at random points of
/// the processing (the fabric restarts them): jobs lost (accepted and never ended), effects that happened twice (stock taken
/// beyond one unit per succeeded order), orders that failed, and the time to drain (last kill to the last job's end).
/// </summary>
internal static class KillScenario
{
    public static async Task<Result> RunAsync(IChaosService service, Random random, int jobs, int kills, TimeSpan drainTimeout)
    {
        using var http = new HttpClient { BaseAddress = service.WebUrl, Timeout = ChaosLimits.RequestTimeout };
        var storage = JobStorage.Create(service.Storage.ConnectionString);
        var workload = new OrderWorkload(http, storage, $"kill{random.Next():x}");
        int stockBefore = await workload.StockAsync().ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        var submitting = workload.SubmitAsync(jobs);

        // Each kill lands when the stock taken (one unit per order that got past its first step) reaches a random
        // point of the run, so the kills spread over the processing whatever its speed.
        var thresholds = Enumerable.Range(0, kills).Select(_ => random.Next(1, Math.Max(2, jobs))).Order().ToList();
        var killed = new List<(TimeSpan At, string Instance)>();
        var killedIds = new HashSet<int>();
        var progress = Stopwatch.StartNew();
        int lastTaken = 0;
        foreach (int threshold in thresholds)
        {
            int taken;
            while ((taken = stockBefore - await workload.StockAsync().ConfigureAwait(false)) < threshold && progress.Elapsed < drainTimeout)
            {
                if (taken != lastTaken)
                {
                    lastTaken = taken;
                    progress.Restart();
                }

                await Task.Delay(50).ConfigureAwait(false);
            }

            if (progress.Elapsed >= drainTimeout)
            {
                break;
            }

            // A process already killed (or gone) may still be listed until the fabric sees it exit: never chosen again.
            while (true)
            {
                var running = await WaitForWorkersAsync(service, killedIds, drainTimeout).ConfigureAwait(false);
                var (instance, processId) = running[random.Next(running.Count)];
                bool delivered = await Signals.SendAsync(processId, "KILL").ConfigureAwait(false);
                killedIds.Add(processId);
                if (delivered)
                {
                    killed.Add((clock.Elapsed, $"{instance} at {taken} of {jobs}"));
                    break;
                }
            }
        }

        await submitting.ConfigureAwait(false);
        TimeSpan submitted = clock.Elapsed;
        var (states, _) = await workload.WaitForEndAsync(drainTimeout).ConfigureAwait(false);
        TimeSpan drained = clock.Elapsed;
        var effects = await workload.CountSideEffectsAsync(stockBefore, states).ConfigureAwait(false);
        TimeSpan lastKill = killed.Count > 0 ? killed[^1].At : submitted;
        return new Result(
            jobs, workload.Accepted.Count, killed.Count,
            states.Count(entry => entry.Value is null),
            states.Count(entry => entry.Value is JobState.Failed or JobState.Poisoned),
            effects, submitted, drained - (lastKill > submitted ? lastKill : submitted), drained,
            [.. killed.Select(kill => $"{kill.At.TotalSeconds:F1} s {kill.Instance}")]);
    }

    private static async Task<IReadOnlyList<(string InstanceId, int ProcessId)>> WaitForWorkersAsync(IChaosService service, IReadOnlySet<int> killed, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var running = (await service.RunningWorkersAsync().ConfigureAwait(false)).Where(worker => !killed.Contains(worker.ProcessId)).ToList();
            if (running.Count > 0)
            {
                return running;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"No worker role process ran within {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    /// <summary>The figures of one run.</summary>
    public sealed record Result(
        int Jobs, int Accepted, int Kills, int Lost, int FailedOrPoisoned, OrderWorkload.SideEffects Effects,
        TimeSpan SubmitTime, TimeSpan DrainTime, TimeSpan TotalTime, IReadOnlyList<string> KillLog)
    {
        public string ToMarkdown()
        {
            var text = new StringBuilder();
            text.AppendLine("### Worker instances killed with SIGKILL under load (`chaos kill`)");
            text.AppendLine();
            text.AppendLine("| figure | value | target |");
            text.AppendLine("|---|---|---|");
            text.AppendLine(CultureInfo.InvariantCulture, $"| orders submitted / accepted (202) | {Jobs} / {Accepted} | all |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| SIGKILLs of a worker role process | {Kills} | |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| lost (accepted, never ended) | {Lost} | 0 |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| ended Failed or Poisoned | {FailedOrPoisoned} | 0 |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| stock taken twice (units beyond one per succeeded order) | {Effects.ExtraStock} | 0 |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| succeeded without a charge / charged without succeeding | {Effects.SucceededWithoutCharge} / {Effects.ChargedNotSucceeded} | 0 / 0 |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| time to submit all | {TotalSeconds(SubmitTime)} | |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| time to drain (last kill or last submission → last job ended) | {TotalSeconds(DrainTime)} | |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| total | {TotalSeconds(TotalTime)} | |");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Kills: {(KillLog.Count == 0 ? "none" : string.Join("; ", KillLog))}.");
            return text.ToString();
        }

        private static string TotalSeconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:F1} s");
    }
}
