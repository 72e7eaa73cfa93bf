using System.Globalization;
using System.Text;

namespace BackgroundRoles.Chaos;

/// <summary>
/// Sends <see cref="FuzzRequests"/> to the web role, two at a time: every answer by kind of request, each 5xx with
/// the request that produced it (target: none), and each 2xx to a request that must be refused (a reused key).
/// A request the client could not send (a header .NET refuses) or that got no answer is counted apart.
/// </summary>
internal static class HttpFuzzScenario
{
    private const int Lanes = 2;

    public static async Task<Result> RunAsync(Uri webUrl, Random random, int requests)
    {
        using var http = new HttpClient { BaseAddress = webUrl, Timeout = ChaosLimits.RequestTimeout };
        var generator = new FuzzRequests(random);
        var batches = new List<IReadOnlyList<FuzzRequest>>();
        for (int sent = 0; sent < requests;)
        {
            var batch = generator.Next();
            batches.Add(batch);
            sent += batch.Count;
        }

        var outcomes = new List<Outcome>();
        int next = -1;
        var lanes = Enumerable.Range(0, Lanes).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                foreach (var request in batches[index])
                {
                    var outcome = await SendAsync(http, request).ConfigureAwait(false);
                    lock (outcomes)
                    {
                        outcomes.Add(outcome);
                    }
                }
            }
        });
        await Task.WhenAll(lanes).ConfigureAwait(false);
        return new Result(outcomes);
    }

    private static async Task<Outcome> SendAsync(HttpClient http, FuzzRequest request)
    {
        HttpRequestMessage message;
        try
        {
            message = request.ToMessage();
        }
        catch (Exception error) when (error is FormatException or InvalidOperationException or UriFormatException)
        {
            return new Outcome(request, null, "not sent: " + error.Message);
        }

        using (message)
        {
            try
            {
                using var response = await http.SendAsync(message).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                return new Outcome(request, (int)response.StatusCode, body.Length <= 300 ? body : body[..300] + "...");
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
            {
                return new Outcome(request, null, $"no answer: {error.GetType().Name}: {error.Message}");
            }
        }
    }

    /// <summary>A request and its answer: the status, or null when none came (then <see cref="Detail"/> says why).</summary>
    public sealed record Outcome(FuzzRequest Request, int? Status, string Detail);

    /// <summary>The figures of one run.</summary>
    public sealed record Result(IReadOnlyList<Outcome> Outcomes)
    {
        public IReadOnlyList<Outcome> ServerErrors => [.. Outcomes.Where(o => o.Status >= 500)];

        public IReadOnlyList<Outcome> WronglyAccepted => [.. Outcomes.Where(o => o.Request.MustBeRejected && o.Status is >= 200 and < 300)];

        public IReadOnlyList<Outcome> Unanswered => [.. Outcomes.Where(o => o.Status is null)];

        public string ToMarkdown()
        {
            var text = new StringBuilder();
            text.AppendLine("### Fuzz of the HTTP API (`chaos http-fuzz`)");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{Outcomes.Count} requests. 5xx: {ServerErrors.Count} (target 0). A reused Idempotency-Key with another body accepted (2xx): {WronglyAccepted.Count} of {Outcomes.Count(o => o.Request.MustBeRejected)} (target 0). No answer or not sent: {Unanswered.Count}.");
            text.AppendLine();
            text.AppendLine("| request | answers (status × count) |");
            text.AppendLine("|---|---|");
            foreach (var kind in Outcomes.GroupBy(o => o.Request.Kind).OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                var answers = kind.GroupBy(o => o.Status?.ToString(CultureInfo.InvariantCulture) ?? "none").OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} × {a.Count()}");
                text.AppendLine(CultureInfo.InvariantCulture, $"| {kind.Key} | {string.Join(", ", answers)} |");
            }

            AppendList(text, "Requests answered with a 5xx", ServerErrors);
            AppendList(text, "A reused key with another body, accepted", WronglyAccepted);
            AppendList(text, "No answer or not sent", Unanswered);
            return text.ToString();
        }

        /// <summary>The outcomes grouped by kind of request and answer, each group with its count and one example.</summary>
        private static void AppendList(StringBuilder text, string title, IReadOnlyList<Outcome> outcomes)
        {
            if (outcomes.Count == 0)
            {
                return;
            }

            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{title} ({outcomes.Count}), by kind, with one example each:");
            text.AppendLine();
            foreach (var group in outcomes.GroupBy(o => (o.Request.Kind, o.Status)).OrderByDescending(g => g.Count()))
            {
                var example = group.First();
                string status = group.Key.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer";
                text.AppendLine(CultureInfo.InvariantCulture, $"- {status} × {group.Count()}, {group.Key.Kind}; e.g. {example.Request}: `{example.Detail.Replace('\n', ' ').Replace('`', '\'')}`");
            }
        }
    }
}
