using System.Text;

namespace BackgroundRoles.Benchmarks;

/// <summary>The queue-throughput benchmark's Markdown.</summary>
internal static partial class QueueThroughputBenchmark
{
    private static string Format(List<(int Depth, List<Result> Results)> tables, MachineLoad load)
    {
        var text = new StringBuilder();
        text.AppendLine("### 4. Queue throughput: no-op jobs, our processor beside its peers");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine("Each row drains a queue of its own, pre-filled by `JobClient.SubmitAsync` (so each job has a Queued status record; " +
            "Hangfire's jobs are enqueued in its own storage instead, in memory or in a SQLite file), on one Azurite started for this run, one row after the other in one process, " +
            $"each after an unmeasured warm-up run of {WarmUpJobs} jobs. Time from the consumer's start to its last delete (the processor: its N-th `JobSucceeded`, " +
            "logged after the delete; the WebJobs SDK: the queue empty after the N-th invocation; Hangfire: the N-th job Succeeded). " +
            "Calls per job: the HTTP requests this process sent to Azurite during the row (the runtime's `System.Net.Http` meter), by service, divided by the jobs. " +
            "CPU: `TotalProcessorTime` of Azurite's node process and of this process over the row, per job, and Azurite's share of one core.");
        foreach (var (depth, results) in tables)
        {
            Result tight = results[0];
            text.AppendLine();
            text.AppendLine($"Depth {depth}:");
            text.AppendLine();
            text.AppendLine("| consumer | jobs | seconds | jobs/s | ÷ tight loop | queue calls/job | table calls/job | Azurite CPU µs/job | process CPU µs/job | Azurite share of a core |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var result in results)
            {
                var cost = result.Cost;
                double perJob(double value) => value / result.Jobs;
                string azuriteCalls(long calls) => result.Consumer.UsesAzurite ? Stats.Ms(perJob(calls), 2) : "none";
                text.AppendLine($"| {result.Consumer.Label} | {result.Jobs} | {Stats.Ms(cost.Elapsed.TotalSeconds, 2)} | {Stats.Ms(result.PerSecond)} | " +
                    $"{Stats.Ratio(result.PerSecond, tight.PerSecond)} | {azuriteCalls(cost.Calls[1])} | {azuriteCalls(cost.Calls[2])} | " +
                    $"{Stats.Ms(perJob(cost.AzuriteCpu.TotalMicroseconds), 0)} | {Stats.Ms(perJob(cost.SelfCpu.TotalMicroseconds), 0)} | " +
                    $"{Stats.Ms(cost.AzuriteCpu / cost.Elapsed * 100, 0)} % |");
            }

            Result ours = results[1];
            double ratio = ours.PerSecond / tight.PerSecond;
            var peers = results.Where(result => result.Consumer.IsPeer).ToList();
            var beaten = peers.Where(peer => ours.PerSecond > peer.PerSecond).Select(peer => peer.Consumer.Label.Split(' ')[0]).ToList();
            text.AppendLine();
            text.AppendLine($"Target at depth {depth}, the processor with status records ÷ the tight loop without them at least {Target:F1}: " +
                $"{Stats.Ratio(ours.PerSecond, tight.PerSecond)} ({Stats.Ms(ours.PerSecond)} against {Stats.Ms(tight.PerSecond)} jobs/s), **{Report.Verdict(ratio >= Target)}**; " +
                $"faster than {beaten.Count} of the {peers.Count} peers (WebJobs SDK, Hangfire in memory, Hangfire on SQLite, classic loop). " +
                $"Without status records: {Stats.Ratio(results[2].PerSecond, tight.PerSecond)}.");
        }

        return text.ToString();
    }
}
