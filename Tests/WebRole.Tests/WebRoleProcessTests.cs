using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using BackgroundRoles.Tests;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>The real WebRole, hosted by the real CLI as its own process, answering over HTTP on loopback.</summary>
[TestClass]
public sealed partial class WebRoleProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [TestMethod]
    public async Task Health_RoleReady_Answers200WithTheInstance()
    {
        using var service = new ServiceCopy();
        using var cli = service.Host("WebRole");
        var line = await cli.WaitForLineAsync(l => EndpointLine().IsMatch(l), Timeout);
        var url = EndpointLine().Match(line).Groups["url"].Value;
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        using var response = await GetWhenListeningAsync(http, "/health", cli);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("WebRole", body.RootElement.GetProperty("role").GetString());
        Assert.AreEqual("WebRole_IN_0", body.RootElement.GetProperty("instance").GetString());
        Assert.AreEqual("Ready", body.RootElement.GetProperty("status").GetString());
        Assert.AreEqual("127.0.0.1", new Uri(url).Host, "nothing listens beyond loopback");

        cli.Signal("TERM");
        Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);
    }

    private static async Task<HttpResponseMessage> GetWhenListeningAsync(HttpClient http, string path, CliProcess cli)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                return await http.GetAsync(path);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (HttpRequestException e)
            {
                throw new TimeoutException("The web role never answered: " + cli.Output, e);
            }
        }
    }

    [GeneratedRegex(@"endpoint HttpIn at (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex EndpointLine();
}
