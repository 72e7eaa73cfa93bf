using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.LoadBalancing.Tests;

/// <summary>The balancer in front of real Kestrel backends on loopback, driven over HTTP.</summary>
[TestClass]
public sealed class LoadBalancerTests
{
    [TestMethod]
    public async Task Request_TwoReadyBackends_AlternatesBetweenThem()
    {
        await using var a = await Backend.StartAsync("a");
        await using var b = await Backend.StartAsync("b");
        var source = new BackendList(a.Url, b.Url);
        var port = FreePort();
        await using var balancer = await LoadBalancer.StartAsync([new BalancedEndpoint("WebRole/HttpIn", port, source)]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await http.GetStringAsync("/who?x=1"));
        }

        CollectionAssert.AreEquivalent(new[] { "a /who?x=1", "b /who?x=1", "a /who?x=1", "b /who?x=1" }, answers);
        Assert.AreNotEqual(answers[0], answers[1], "round robin");
    }

    [TestMethod]
    public async Task Request_BackendLeavesTheList_GetsNoMoreTraffic()
    {
        await using var a = await Backend.StartAsync("a");
        await using var busy = await Backend.StartAsync("busy");
        var source = new BackendList(a.Url, busy.Url);
        var port = FreePort();
        await using var balancer = await LoadBalancer.StartAsync([new BalancedEndpoint("WebRole/HttpIn", port, source)]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        source.Set(a.Url);
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await http.GetStringAsync("/"));
        }

        Assert.IsTrue(answers.All(x => x.StartsWith("a ", StringComparison.Ordinal)), string.Join(", ", answers));
    }

    [TestMethod]
    public async Task Request_NoReadyBackend_Is503SayingSo()
    {
        var port = FreePort();
        await using var balancer = await LoadBalancer.StartAsync([new BalancedEndpoint("WebRole/HttpIn", port, new BackendList())]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var response = await http.GetAsync("/");

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "no instance is Ready");
    }

    [TestMethod]
    public async Task Request_PostWithBody_ForwardsMethodBodyAndStatus()
    {
        await using var a = await Backend.StartAsync("a");
        var port = FreePort();
        await using var balancer = await LoadBalancer.StartAsync([new BalancedEndpoint("WebRole/HttpIn", port, new BackendList(a.Url))]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var response = await http.PostAsync("/echo", new StringContent("payload"));

        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode);
        Assert.AreEqual("a POST payload", await response.Content.ReadAsStringAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A backend list the test changes, as the fabric does when an instance goes Busy.</summary>
    private sealed class BackendList(params Uri[] initial) : IBackendSource
    {
        private volatile Uri[] _backends = initial;

        public IReadOnlyList<Uri> Backends => _backends;

        public void Set(params Uri[] backends) => _backends = backends;
    }

    /// <summary>A real HTTP server that answers with its name, the path and, for a POST, the body.</summary>
    private sealed class Backend(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url => url;

        public static async Task<Backend> StartAsync(string name)
        {
            var port = FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
            var app = builder.Build();
            app.MapPost("/echo", async (HttpRequest request) => Results.Text($"{name} POST {await new StreamReader(request.Body).ReadToEndAsync()}", statusCode: 202));
            app.MapFallback((HttpContext context) => $"{name} {context.Request.Path}{context.Request.QueryString}");
            await app.StartAsync();
            return new Backend(app, new Uri($"http://127.0.0.1:{port}/"));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
