using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// A steady closed-loop load that keeps every answer: N clients, each sending its next GET as soon as the last one
/// answered, each request recorded with when it started and ended (on the <see cref="Stopwatch"/> clock), its status,
/// the deployment that served it (the web role's <c>X-Deployment-Id</c>) or why it failed. For an operation under
/// load (a swap, an upgrade): which requests failed, and when the traffic moved.
/// </summary>
internal sealed class RequestRecorder : IAsyncDisposable
{
    private const string DeploymentHeader = "X-Deployment-Id";
    private readonly ConcurrentQueue<Sample> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private readonly List<Task> _clients;

    private RequestRecorder(Uri url, int clients)
    {
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = clients }) { Timeout = TimeSpan.FromSeconds(30) };
        Clients = clients;
        _clients = [.. Enumerable.Range(0, clients).Select(_ => Task.Run(() => LoopAsync(url)))];
    }

    public int Clients { get; }

    /// <summary>One request: its start and end (Stopwatch timestamps), its status (0 when it failed), who served it, or why it failed.</summary>
    public sealed record Sample(long Started, long Ended, int Status, string? DeploymentId, string? Failure)
    {
        /// <summary>Not a 200: a refused connection, a 502 or 503 from the balancer, a timeout.</summary>
        public bool Failed => Status != (int)HttpStatusCode.OK;
    }

    public static RequestRecorder Start(Uri url, int clients) => new(url, clients);

    /// <summary>Every request so far.</summary>
    public IReadOnlyList<Sample> Samples => [.. _samples];

    /// <summary>Stops the clients (each finishes its request in flight) and returns every request.</summary>
    public async Task<IReadOnlyList<Sample>> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_clients).ConfigureAwait(false);
        return Samples;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync(Uri url)
    {
        while (!_stop.IsCancellationRequested)
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _http.GetAsync(url).ConfigureAwait(false);
                string? deployment = response.Headers.TryGetValues(DeploymentHeader, out var values) ? values.FirstOrDefault() : null;
                _samples.Enqueue(new Sample(started, Stopwatch.GetTimestamp(), (int)response.StatusCode, deployment, response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.ReasonPhrase}"));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _samples.Enqueue(new Sample(started, Stopwatch.GetTimestamp(), 0, null, e.Message));
            }
        }
    }
}
