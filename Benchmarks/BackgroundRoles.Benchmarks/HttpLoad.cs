using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Closed-loop HTTP load on one URL for a fixed time: <c>wrk</c> when it is on the PATH (<c>apt-get install -y wrk</c>;
/// its C event loop takes less of the shared cores), else <see cref="HttpClient"/> in this process
/// (<see cref="SocketsHttpHandler"/>, one loop per connection). Either way: N connections, each sending its next
/// GET as soon as the answer came.
/// </summary>
internal sealed partial class HttpLoad
{
    private HttpLoad(string? wrk, int connections)
    {
        Wrk = wrk;
        Connections = connections;
    }

    /// <summary>The wrk executable, or null when the load comes from HttpClient.</summary>
    public string? Wrk { get; }

    public int Connections { get; }

    public string Generator => Wrk is null
        ? $"HttpClient in the harness (SocketsHttpHandler, {Connections} connections, one request loop each; wrk not on the PATH)"
        : $"`wrk -t {Threads} -c {Connections} -d Ns --latency URL`";

    private int Threads => Math.Min(Environment.ProcessorCount, Connections);

    /// <summary>One round's result: requests answered, the time, latency percentiles, and answers that were not the expected status or failed.</summary>
    public sealed record Result(long Requests, double Seconds, double P50Ms, double P99Ms, long Unexpected)
    {
        public double PerSecond => Requests / Seconds;
    }

    public static HttpLoad Create(int connections) => new(FindOnPath("wrk"), connections);

    /// <summary>Loads <paramref name="url"/> for <paramref name="duration"/>; every answer should have <paramref name="expected"/>.</summary>
    public Task<Result> RunAsync(Uri url, TimeSpan duration, HttpStatusCode expected) =>
        Wrk is null ? HttpClientAsync(url, duration, expected) : WrkAsync(url, duration, expected);

    private async Task<Result> HttpClientAsync(Uri url, TimeSpan duration, HttpStatusCode expected)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Connections,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            long unexpected = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                long sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                    if (response.StatusCode != expected)
                    {
                        unexpected++;
                    }
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                {
                    unexpected++;
                }

                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }

            return (latencies, unexpected);
        })).ToList();
        var results = await Task.WhenAll(loops).ConfigureAwait(false);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var all = new Stats(results.SelectMany(result => result.latencies));
        return new Result(all.Count, seconds, all.Percentile(50), all.Percentile(99), results.Sum(result => result.unexpected));
    }

    private async Task<Result> WrkAsync(Uri url, TimeSpan duration, HttpStatusCode expected)
    {
        string seconds = ((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        using var wrk = TimedProcess.Start(Environment.CurrentDirectory, Wrk!,
            ["-t", Threads.ToString(CultureInfo.InvariantCulture), "-c", Connections.ToString(CultureInfo.InvariantCulture), "-d", seconds + "s", "--latency", url.ToString()],
            "Requests/sec:");
        int exitCode = await wrk.WaitForExitAsync(duration + TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        string output = wrk.Transcript();
        var total = TotalLine().Match(output);
        var p50 = PercentileLine("50%").Match(output);
        var p99 = PercentileLine("99%").Match(output);
        if (exitCode != 0 || !total.Success || !p50.Success || !p99.Success)
        {
            throw new InvalidOperationException($"wrk failed (exit code {exitCode}):\n{output}");
        }

        long requests = long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture);
        long non2xx = NonSuccessLine().Match(output) is { Success: true } line ? long.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        long socketErrors = SocketErrorsLine().Match(output) is { Success: true } errors
            ? Enumerable.Range(1, 4).Sum(group => long.Parse(errors.Groups[group].Value, CultureInfo.InvariantCulture))
            : 0;

        // wrk counts 4xx and 5xx together as "non-2xx or 3xx": for an expected 404 every answer is one of them.
        long unexpected = ((int)expected is >= 200 and < 400 ? non2xx : requests - non2xx) + socketErrors;
        return new Result(requests, Duration(total.Groups[2].Value) / 1000, Duration(p50.Groups[1].Value), Duration(p99.Groups[1].Value), unexpected);
    }

    /// <summary>A wrk duration (<c>812.00us</c>, <c>1.23ms</c>, <c>8.00s</c>, <c>1.00m</c>) in ms.</summary>
    private static double Duration(string text)
    {
        var match = DurationText().Match(text);
        double value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            "m" => value * 60_000,
            _ => throw new FormatException($"Unknown wrk unit in '{text}'."),
        };
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);

    private static Regex PercentileLine(string percentile) => new($@"^\s*{Regex.Escape(percentile)}\s+(\S+)\s*$", RegexOptions.Multiline);

    [GeneratedRegex(@"^\s*(\d+) requests in (\S+),", RegexOptions.Multiline)]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();

    [GeneratedRegex(@"^([\d.]+)(us|ms|s|m)$")]
    private static partial Regex DurationText();
}
