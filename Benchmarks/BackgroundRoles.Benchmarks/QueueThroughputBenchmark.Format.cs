using System.Text;

namespace BackgroundRoles.Benchmarks;

/// <summary>The queue-throughput benchmark's Markdown.</summary>
internal static partial class QueueThroughputBenchmark
{
    private static string Format(List<(int Depth, List<Rounds> Rows)> tables, int rounds, MachineLoad load)
    {
        var text = new StringBuilder();
        text.AppendLine("### 4. Queue throughput: no-op jobs, our processor beside its peers");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine("Each row drains a queue of its own, pre-filled by `JobClient.SubmitAsync` (so each job has a Queued status record; " +
            "Hangfire's jobs are enqueued in its own storage instead, in memory or in a SQLite file), on one Azurite started for this run, in one process, " +
            $"each consumer after an unmeasured warm-up run of {WarmUpJobs} jobs, then {rounds} rounds of every consumer in the order of the table; each row is the consumer's median round " +
            "(its rate, calls and CPU), with its slowest and fastest round's rate. Time from the consumer's start to its last delete (the processor: its N-th `JobSucceeded`, " +
            "logged after the delete; the WebJobs SDK: the queue empty after the N-th invocation; Hangfire: the N-th job Succeeded). " +
            "Calls per job: the HTTP requests this process sent to Azurite during the row (the runtime's `System.Net.Http` meter), by service, divided by the jobs. " +
            "CPU: `TotalProcessorTime` of Azurite's node process and of this process over the row, per job, and Azurite's share of one core.");
        foreach (var (depth, rows) in tables)
        {
            Result tight = rows[0].Median;
            text.AppendLine();
            text.AppendLine($"Depth {depth}:");
            text.AppendLine();
            text.AppendLine("| consumer | jobs | seconds | jobs/s | slowest-fastest round, jobs/s | ÷ tight loop | queue calls/job | table calls/job | Azurite CPU µs/job | process CPU µs/job | Azurite share of a core |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var row in rows)
            {
                var result = row.Median;
                var cost = result.Cost;
                double perJob(double value) => value / result.Jobs;
                string azuriteCalls(long calls) => result.Consumer.UsesAzurite ? Stats.Ms(perJob(calls), 2) : "none";
                text.AppendLine($"| {result.Consumer.Label} | {result.Jobs} | {Stats.Ms(cost.Elapsed.TotalSeconds, 2)} | {Stats.Ms(result.PerSecond)} | " +
                    $"{Stats.Ms(row.SlowestPerSecond)}-{Stats.Ms(row.FastestPerSecond)} | " +
                    $"{Stats.Ratio(result.PerSecond, tight.PerSecond)} | {azuriteCalls(cost.Calls[1])} | {azuriteCalls(cost.Calls[2])} | " +
                    $"{Stats.Ms(perJob(cost.AzuriteCpu.TotalMicroseconds), 0)} | {Stats.Ms(perJob(cost.SelfCpu.TotalMicroseconds), 0)} | " +
                    $"{Stats.Ms(cost.AzuriteCpu / cost.Elapsed * 100, 0)} % |");
            }

            Result ours = rows[1].Median;
            double ratio = ours.PerSecond / tight.PerSecond;
            var peers = rows.Select(row => row.Median).Where(result => result.Consumer.IsPeer).ToList();
            var beaten = peers.Where(peer => ours.PerSecond > peer.PerSecond).Select(peer => peer.Consumer.ShortName).ToList();
            var ahead = peers.Where(peer => ours.PerSecond <= peer.PerSecond).Select(peer => peer.Consumer.ShortName).ToList();
            text.AppendLine();
            text.AppendLine($"Target at depth {depth}, the processor with status records ÷ the tight loop without them at least {Target:F1} (medians of {rounds} rounds): " +
                $"{Stats.Ratio(ours.PerSecond, tight.PerSecond)} ({Stats.Ms(ours.PerSecond)} against {Stats.Ms(tight.PerSecond)} jobs/s), **{Report.Verdict(ratio >= Target)}**; " +
                $"faster than {beaten.Count} of the {peers.Count} peers ({(beaten.Count == 0 ? "none" : string.Join(", ", beaten))}; not faster than: {(ahead.Count == 0 ? "none" : string.Join(", ", ahead))}). " +
                $"Without status records: {Stats.Ratio(rows[2].Median.PerSecond, tight.PerSecond)}.");
        }

        return text.ToString();
    }
}
