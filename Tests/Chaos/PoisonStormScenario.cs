using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Chaos;

/// <summary>
/// Good orders put on the queue with <see cref="JobClient.SubmitAsync"/> in three rounds, each put while the worker is
/// frozen and then let go: alone, with bad messages (<see cref="BadMessages"/>, one in ten of all messages, spread
/// over both job queues) shuffled among them, and alone again. Figures: the good jobs' throughput in each round
/// over the worker's processing window, the storm's against the mean of the rounds around it (same run, same
/// worker), and every bad message found in its <c>&lt;queue&gt;-poison</c> with the reason the poison record gives.
/// </summary>
internal static class PoisonStormScenario
{
    private const int SubmitLanes = 8;
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static async Task<Result> RunAsync(IChaosService service, Random random, int goodJobs, TimeSpan timeout)
    {
        var storage = JobStorage.Create(service.Storage.ConnectionString);
        var queues = CloudStorageAccount.Parse(service.Storage.ConnectionString).CreateCloudQueueClient();
        string prefix = $"storm{random.Next():x}";

        // A few good jobs first, unmeasured: the first jobs after a start pay for JIT and connections alone.
        await GoodRoundAsync(service, storage, [.. Enumerable.Range(0, Math.Min(goodJobs, 10)).Select(i => (Func<Task<string?>>)(() => SubmitGoodAsync(storage, $"{prefix}w{i}")))], timeout).ConfigureAwait(false);
        var baseline = await GoodRoundAsync(service, storage, [.. Enumerable.Range(0, goodJobs).Select(i => (Func<Task<string?>>)(() => SubmitGoodAsync(storage, $"{prefix}a{i}")))], timeout).ConfigureAwait(false);

        // One in ten of all messages is bad: goodJobs / 9 of them, each kind in turn, each to a random queue.
        int badCount = Math.Max(BadMessages.Kinds.Count, (int)Math.Round(goodJobs / 9.0));
        var bad = new List<(string Kind, string Queue, string Marker)>();
        var round = new List<Func<Task<string?>>>();
        round.AddRange(Enumerable.Range(0, goodJobs).Select(i => (Func<Task<string?>>)(() => SubmitGoodAsync(storage, $"{prefix}b{i}"))));
        for (int i = 0; i < badCount; i++)
        {
            string kind = BadMessages.Kinds[i % BadMessages.Kinds.Count];
            string queue = random.Next(2) == 0 ? JobQueues.Orders : JobQueues.Thumbnails;
            var (marker, put) = BadMessages.Create(kind, queue, random);
            bad.Add((kind, queue, marker));
            round.Add(async () =>
            {
                await put(queues.GetQueueReference(queue)).ConfigureAwait(false);
                return null;
            });
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(round));
        var storm = await GoodRoundAsync(service, storage, round, timeout).ConfigureAwait(false);
        // Good only once more: the rounds run faster as the processes warm up, so the storm is compared with a good-only
        // round on each side of it.
        var after = await GoodRoundAsync(service, storage, [.. Enumerable.Range(0, goodJobs).Select(i => (Func<Task<string?>>)(() => SubmitGoodAsync(storage, $"{prefix}c{i}")))], timeout).ConfigureAwait(false);
        var found = await FindInPoisonAsync(queues, bad, timeout).ConfigureAwait(false);
        return new Result(goodJobs, baseline, storm, after, [.. bad.Select(b => new BadOutcome(b.Kind, b.Queue, found.GetValueOrDefault(b.Marker)))]);
    }

    /// <summary>
    /// Runs the submissions, <see cref="SubmitLanes"/> at a time in their order, while the worker is frozen, so the
    /// round is on the queues before it takes any; then lets it go and waits for the good jobs to end: how many ended
    /// how, and the worker's processing window from the status records (the first start to the last completion).
    /// </summary>
    private static async Task<Round> GoodRoundAsync(IChaosService service, JobStorage storage, IReadOnlyList<Func<Task<string?>>> submissions, TimeSpan timeout)
    {
        await service.FreezeWorkersAsync(true).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var jobs = new List<string>();
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, SubmitLanes).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < submissions.Count)
            {
                if (await submissions[index]().ConfigureAwait(false) is { } id)
                {
                    lock (jobs)
                    {
                        jobs.Add(id);
                    }
                }
            }
        })).ConfigureAwait(false);
        await service.FreezeWorkersAsync(false).ConfigureAwait(false);

        var left = new HashSet<string>(jobs, StringComparer.Ordinal);
        var ended = new List<JobStatus>();
        while (left.Count > 0 && clock.Elapsed < timeout)
        {
            foreach (var id in left.ToList())
            {
                if (await storage.Statuses.GetAsync(id, CancellationToken.None).ConfigureAwait(false) is { IsFinal: true } status)
                {
                    left.Remove(id);
                    ended.Add(status);
                }
            }

            await Task.Delay(ChaosLimits.PollInterval).ConfigureAwait(false);
        }

        var window = ended.Count == 0 ? TimeSpan.Zero
            : ended.Max(s => s.CompletedAt ?? s.UpdatedAt) - ended.Min(s => s.StartedAt ?? s.CreatedAt);
        return new Round(jobs.Count, ended.Count(s => s.State == JobState.Succeeded), left.Count, ended.Count(s => s.Attempts > 1), clock.Elapsed, window);
    }

    private static async Task<string?> SubmitGoodAsync(JobStorage storage, string email)
    {
        var order = new OrderJob($"{email}@example.com", [new OrderLine(ChaosLimits.Sku, 1, Catalogue.Prices[ChaosLimits.Sku])]);
        var submission = await storage.Jobs.SubmitAsync(JobQueues.Orders, JobTypes.Order, JsonSerializer.Serialize(order, WebJson), null, CancellationToken.None).ConfigureAwait(false);
        return submission.JobId;
    }

    /// <summary>
    /// Reads the poison queues until every bad message is found there or the time is up (each record read is kept
    /// invisible meanwhile, so none is counted twice); the reason of each found, by marker.
    /// </summary>
    private static async Task<Dictionary<string, string>> FindInPoisonAsync(CloudQueueClient queues, IReadOnlyList<(string Kind, string Queue, string Marker)> bad, TimeSpan timeout)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        while (found.Count < bad.Count && clock.Elapsed < timeout)
        {
            foreach (string queue in JobQueues.All)
            {
                var poison = queues.GetQueueReference(queue + "-poison");
                if (!await poison.ExistsAsync().ConfigureAwait(false))
                {
                    continue;
                }

                foreach (var message in await poison.GetMessagesAsync(32, timeout * 2, null, null).ConfigureAwait(false))
                {
                    string text = Text(message);
                    foreach (var (_, _, marker) in bad.Where(b => b.Queue == queue && !found.ContainsKey(b.Marker) && BadMessages.Carries(text, b.Marker)))
                    {
                        found[marker] = Reason(text);
                    }
                }
            }

            await Task.Delay(found.Count < bad.Count ? TimeSpan.FromSeconds(1) : TimeSpan.Zero).ConfigureAwait(false);
        }

        return found;
    }

    private static string Text(CloudQueueMessage message)
    {
        try
        {
            return message.AsString;
        }
        catch (FormatException)
        {
            return Encoding.Latin1.GetString(message.AsBytes);
        }
    }

    /// <summary>The poison record's error (type: message), or the start of the record when it has none.</summary>
    private static string Reason(string record)
    {
        try
        {
            using var document = JsonDocument.Parse(record);
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                return error.ValueKind == JsonValueKind.Object
                    ? $"{(error.TryGetProperty("type", out var type) ? type.GetString() : "?")}: {(error.TryGetProperty("message", out var text) ? text.GetString() : "?")}"
                    : error.ToString();
            }
        }
        catch (JsonException)
        {
            // Not a JSON record: its start is the best reason there is.
        }

        return record.Length <= 160 ? record : record[..160] + "...";
    }

    /// <summary>
    /// One round: good jobs put, ended Succeeded, not ended in time, ended after more than one attempt, the time from the first put to the last end seen,
    /// and the worker's processing window (first start to last completion, from the status records).
    /// </summary>
    public sealed record Round(int Good, int Succeeded, int NotEnded, int Retried, TimeSpan Elapsed, TimeSpan Processing)
    {
        /// <summary>Good jobs ended per second of the worker's processing window.</summary>
        public double JobsPerSecond => Processing > TimeSpan.Zero ? (Good - NotEnded) / Processing.TotalSeconds : 0;
    }

    /// <summary>A bad message, and the reason of its poison record (null when it never got there).</summary>
    public sealed record BadOutcome(string Kind, string Queue, string? PoisonReason);

    /// <summary>The figures of one run.</summary>
    public sealed record Result(int GoodJobs, Round Baseline, Round Storm, Round After, IReadOnlyList<BadOutcome> Bad)
    {
        /// <summary>The good jobs' throughput among bad messages over their throughput alone (the mean of the rounds before and after).</summary>
        public double ThroughputRatio => Baseline.JobsPerSecond + After.JobsPerSecond > 0 ? Storm.JobsPerSecond / ((Baseline.JobsPerSecond + After.JobsPerSecond) / 2) : 0;

        public IReadOnlyList<BadOutcome> NotInPoison => [.. Bad.Where(b => b.PoisonReason is null)];

        public string ToMarkdown()
        {
            var text = new StringBuilder();
            text.AppendLine("### Poison storm: one message in ten is bad (`chaos poison`)");
            text.AppendLine();
            text.AppendLine("| round | good jobs | succeeded | not ended | more than one attempt | round time | worker's window (first start → last end) | good jobs/s in it |");
            text.AppendLine("|---|---|---|---|---|---|---|---|");
            text.AppendLine(Row("good only", Baseline));
            text.AppendLine(Row($"with {Bad.Count} bad shuffled in", Storm));
            text.AppendLine(Row("good only, again", After));
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Good-job throughput with the bad messages: {ThroughputRatio:P0} of the good-only rounds' mean. Bad messages in `<queue>-poison`: {Bad.Count - NotInPoison.Count} of {Bad.Count} (target: all).");
            text.AppendLine();
            text.AppendLine("| kind | sent | in poison | a reason given |");
            text.AppendLine("|---|---|---|---|");
            foreach (var kind in Bad.GroupBy(b => b.Kind))
            {
                string reason = kind.Select(b => b.PoisonReason).FirstOrDefault(r => r is not null) ?? "(none reached poison)";
                text.AppendLine(CultureInfo.InvariantCulture, $"| {kind.Key} | {kind.Count()} | {kind.Count(b => b.PoisonReason is not null)} | {Cell(reason)} |");
            }

            return text.ToString();
        }

        private static string Row(string name, Round round) => string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {round.Good} | {round.Succeeded} | {round.NotEnded} | {round.Retried} | {round.Elapsed.TotalSeconds:F1} s | {round.Processing.TotalSeconds:F1} s | {round.JobsPerSecond:F1} |");

        private static string Cell(string text)
        {
            string flat = text.Replace('|', '/').Replace('\n', ' ').Replace('\r', ' ');
            return flat.Length <= 140 ? flat : flat[..140] + "...";
        }
    }
}
