using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace BackgroundRoles.WebRole.Tests.Api;

/// <summary>
/// A client of one event stream, parsed as the SSE specification says (fields per line, an empty line ends an event,
/// lines starting with a colon are comments), reading the response as its bytes arrive.
/// </summary>
internal sealed class ServerSentEvents : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private ServerSentEvents(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    public int Comments { get; private set; }

    /// <summary>Opens the stream; the response, whatever its status, is in <see cref="Response"/>.</summary>
    public static async Task<ServerSentEvents> OpenAsync(HttpClient http, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new ServerSentEvents(response, await response.Content.ReadAsStreamAsync());
    }

    public HttpResponseMessage Response => _response;

    /// <summary>The next event with data, or null when the server closed the stream.</summary>
    public async Task<Event?> NextAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        string? id = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return new Event(id, JsonDocument.Parse(data.ToString()).RootElement.Clone());
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                Comments++;
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line["id: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line["data: ".Length..]);
            }
        }
    }

    /// <summary>
    /// The next comment line (with its colon), or null when the server closed the stream; an event's line before it
    /// fails, since a caller waiting for a comment expects no event. Fails when none comes within <paramref name="within"/>.
    /// </summary>
    public async Task<string?> NextCommentAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"No comment line within {within.TotalSeconds} s.");
            }

            if (line is null)
            {
                return null;
            }

            if (line.StartsWith(':'))
            {
                Comments++;
                return line;
            }

            if (line.Length > 0)
            {
                throw new InvalidOperationException($"An event line came before the next comment: {line}");
            }
        }
    }

    /// <summary>The body as text: for an answer that is not a stream (a problem).</summary>
    public Task<string> BodyAsync() => _reader.ReadToEndAsync();

    /// <summary>Every event until the server closes the stream.</summary>
    public async Task<List<Event>> RestAsync()
    {
        var events = new List<Event>();
        while (await NextAsync() is { } next)
        {
            events.Add(next);
        }

        return events;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }

    /// <summary>One event: its id and its data (a job status, as <c>GET /api/jobs/{id}</c> answers).</summary>
    internal sealed record Event(string? Id, JsonElement Data)
    {
        public string State => Data.GetProperty("state").GetString()!;

        public int Progress => Data.GetProperty("progress").GetInt32();

        public override string ToString() => $"{State} {Progress} ({Id})";
    }
}
