using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BackgroundRoles.Fabric.Control;

namespace BackgroundRoles.Cli.Control;

/// <summary>
/// The control verbs' way to a running emulator: <c>control.json</c> in the state folder gives the URL and the
/// token; each call returns the answer or prints why it failed (no emulator, a refused request).
/// </summary>
internal sealed class ControlClient : IDisposable
{
    /// <summary>How long one control request may take; set-config waits for every instance's Changing and Changed.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);

    private readonly HttpClient _http;
    private readonly TextWriter _error;

    private ControlClient(ControlEndpoint endpoint, TextWriter error)
    {
        Endpoint = endpoint;
        _error = error;
        _http = new HttpClient { BaseAddress = new Uri(endpoint.Url), Timeout = RequestTimeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Token);
    }

    public ControlEndpoint Endpoint { get; }

    /// <summary>The state folder a verb uses: the one given, else <c>.cloudservice</c> in the current folder.</summary>
    public static string StateDirectory(string? given) => Path.GetFullPath(given ?? ".cloudservice");

    /// <summary>Reads control.json; null (the reason printed) when there is no emulator to talk to.</summary>
    public static ControlClient? Open(string? stateDirectory, TextWriter error)
    {
        if (ControlEndpoint.Read(StateDirectory(stateDirectory), out var problem) is not { } endpoint)
        {
            error.WriteLine($"error: {problem}");
            return null;
        }

        return new ControlClient(endpoint, error);
    }

    /// <summary>Sends a request; the answer as <typeparamref name="T"/>, or null with the reason printed.</summary>
    public async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body = null)
        where T : class
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ControlJson.Options);
        }

        try
        {
            using var response = await _http.SendAsync(request).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(ControlJson.Options).ConfigureAwait(false);
            }

            var reason = response.StatusCode == HttpStatusCode.Unauthorized
                ? "the emulator refused the token of control.json (401)"
                : await ReadErrorAsync(response).ConfigureAwait(false);
            _error.WriteLine($"error: {reason}");
        }
        catch (HttpRequestException e)
        {
            _error.WriteLine($"error: no emulator answers at {Endpoint.Url} ({e.Message}); is './cloudservice run' still running?");
        }
        catch (TaskCanceledException)
        {
            _error.WriteLine($"error: the emulator at {Endpoint.Url} did not answer within {RequestTimeout.TotalSeconds:F0} s");
        }
        catch (JsonException e)
        {
            _error.WriteLine($"error: the emulator's answer is not understood: {e.Message}");
        }

        return null;
    }

    /// <summary>True while the emulator answers at all (any status code).</summary>
    public async Task<bool> IsAnsweringAsync()
    {
        try
        {
            using var response = await _http.GetAsync("status").ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ControlError>(ControlJson.Options).ConfigureAwait(false);
            if (error?.Error is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not one of ours; the status code says enough.
        }

        return $"the emulator answered {(int)response.StatusCode} {response.ReasonPhrase}";
    }
}
