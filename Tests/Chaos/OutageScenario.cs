using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.Chaos;

/// <summary>
/// Orders and status reads through the web role while its storage is taken away for a while (every Azurite process
/// ended by id) and brought back on the same ports and data: every HTTP status seen before, during and after, the
/// 5xx that are not 503, the time from storage's return to the first accepted order, and the jobs lost.
/// </summary>
internal static class OutageScenario
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Afterwards = TimeSpan.FromSeconds(5);

    public static async Task<Result> RunAsync(IChaosService service, Random random, TimeSpan outage, TimeSpan drainTimeout)
    {
        using var http = new HttpClient { BaseAddress = service.WebUrl, Timeout = ChaosLimits.RequestTimeout };
        var storage = JobStorage.Create(service.Storage.ConnectionString);
        var workload = new OrderWorkload(http, storage, $"outage{random.Next():x}");
        var seen = new ConcurrentQueue<(Phase Phase, string Request, string Outcome)>();
        int phase = (int)Phase.Before;
        TimeSpan? resumed = null;
        TimeSpan restarted = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();

        async Task LaneAsync(int lane)
        {
            var laneRandom = new Random(random.Next() + lane);
            while (!stop.IsCancellationRequested)
            {
                // Each answer counts in the phase it arrived in: one sent just before storage went away and answered
                // while it was away is an answer of the outage.
                if (laneRandom.Next(3) == 0)
                {
                    var sent = (Phase)Volatile.Read(ref phase);
                    var status = await workload.SubmitOneAsync().ConfigureAwait(false);
                    seen.Enqueue(((Phase)Volatile.Read(ref phase), "POST /api/orders", Outcome(status)));

                    // Resumed: the first order sent after storage came back is accepted (one sent before may have
                    // waited out the outage in the web role's retries, which says nothing about the return).
                    if (sent == Phase.After && status == HttpStatusCode.Accepted)
                    {
                        lock (seen)
                        {
                            resumed ??= clock.Elapsed - restarted;
                        }
                    }
                }
                else
                {
                    var accepted = workload.Accepted;
                    string path = laneRandom.Next(2) == 0 || accepted.Count == 0 ? "/health" : $"/api/jobs/{accepted[laneRandom.Next(accepted.Count)]}";
                    string outcome = await GetAsync(http, path).ConfigureAwait(false);
                    seen.Enqueue(((Phase)Volatile.Read(ref phase), "GET " + (path == "/health" ? path : "/api/jobs/{id}"), outcome));
                }

                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        var lanes = Enumerable.Range(0, ChaosLimits.SubmitConcurrency).Select(LaneAsync).ToList();
        await Task.Delay(Warmup).ConfigureAwait(false);
        Volatile.Write(ref phase, (int)Phase.During);
        var (terminated, killed) = await service.Storage.StopAsync().ConfigureAwait(false);
        await Task.Delay(outage).ConfigureAwait(false);
        await service.Storage.RestartAsync().ConfigureAwait(false);
        restarted = clock.Elapsed;
        Volatile.Write(ref phase, (int)Phase.After);
        var resumeDeadline = Stopwatch.StartNew();
        while (resumed is null && resumeDeadline.Elapsed < drainTimeout)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        await Task.Delay(Afterwards).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(lanes).ConfigureAwait(false);
        var (states, drained) = await workload.WaitForEndAsync(drainTimeout).ConfigureAwait(false);
        return new Result(
            outage, terminated, killed, [.. seen], workload.Accepted.Count, states.Count(entry => entry.Value is null),
            states.Count(entry => entry.Value is JobState.Failed or JobState.Poisoned), resumed, drained);
    }

    private static async Task<string> GetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path).ConfigureAwait(false);
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return "no answer";
        }
    }

    private static string Outcome(HttpStatusCode? status) => status is { } code ? ((int)code).ToString(CultureInfo.InvariantCulture) : "no answer";

    /// <summary>When an answer came: before storage went away, while it was away, after it came back.</summary>
    public enum Phase
    {
        Before,
        During,
        After,
    }

    /// <summary>The figures of one run.</summary>
    public sealed record Result(
        TimeSpan Outage, int Terminated, int Killed, IReadOnlyList<(Phase Phase, string Request, string Outcome)> Seen,
        int Accepted, int Lost, int FailedOrPoisoned, TimeSpan? Resumed, TimeSpan DrainTime)
    {
        /// <summary>Answers 500-599 other than 503, during and after the outage.</summary>
        public IReadOnlyList<(Phase Phase, string Request, string Outcome)> ServerErrors =>
            [.. Seen.Where(entry => entry.Outcome.Length == 3 && entry.Outcome[0] == '5' && entry.Outcome != "503")];

        public string ToMarkdown()
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"### Storage outage of {Outage.TotalSeconds:F0} s under load (`chaos outage`)");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Azurite's processes ended by id ({Terminated} on SIGTERM, {Killed} needed SIGKILL), then started again on the same ports and data.");
            text.AppendLine();
            text.AppendLine("| answered | request | answers (status × count) |");
            text.AppendLine("|---|---|---|");
            foreach (var group in Seen.GroupBy(entry => (entry.Phase, entry.Request)).OrderBy(group => group.Key.Phase).ThenBy(group => group.Key.Request, StringComparer.Ordinal))
            {
                var answers = group.GroupBy(entry => entry.Outcome).OrderBy(answer => answer.Key, StringComparer.Ordinal).Select(answer => $"{answer.Key} × {answer.Count()}");
                text.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key.Phase} | `{group.Key.Request}` | {string.Join(", ", answers)} |");
            }

            text.AppendLine();
            text.AppendLine("| figure | value | target |");
            text.AppendLine("|---|---|---|");
            text.AppendLine(CultureInfo.InvariantCulture, $"| 5xx other than 503 | {ServerErrors.Count} | 0 |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| time to resume (storage back → the first order sent after it accepted) | {(Resumed is { } r ? r.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : "never")} | |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| orders accepted (202) | {Accepted} | |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| lost (accepted, never ended) | {Lost} | 0 |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| ended Failed or Poisoned | {FailedOrPoisoned} | 0 |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| time for the accepted jobs to end, after the load stopped | {DrainTime.TotalSeconds:F1} s | |");
            return text.ToString();
        }
    }
}
