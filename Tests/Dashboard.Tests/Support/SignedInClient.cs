using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BackgroundRoles.Dashboard.Tests.Support;

/// <summary>An HTTP client signed in to a dashboard through its login link, posting with the page's anti-forgery token.</summary>
internal sealed class SignedInClient : IDisposable
{
    private readonly HttpClient _client;
    private string? _antiforgery;

    private SignedInClient(HttpClient client) => _client = client;

    public static async Task<SignedInClient> SignInAsync(DashboardServer server)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false };
        var client = new HttpClient(handler) { BaseAddress = server.Url, DefaultRequestHeaders = { { "Accept", "application/json" } } };
        (await client.GetAsync(server.LoginUrl)).Dispose();
        return new SignedInClient(client);
    }

    public Task<JsonElement> GetAsync(string path) => _client.GetFromJsonAsync<JsonElement>(path);

    /// <summary>Posts an empty JSON body with the anti-forgery token; the status and the answer's body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path)
    {
        _antiforgery ??= (await GetAsync("api/session")).GetProperty("antiforgery").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { }) };
        request.Headers.Add(DashboardDefaults.AntiforgeryHeader, _antiforgery);
        using var answer = await _client.SendAsync(request);
        return (answer.StatusCode, await answer.Content.ReadFromJsonAsync<JsonElement>());
    }

    public void Dispose() => _client.Dispose();
}
