using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.LoadBalancing.Tests;

/// <summary>
/// A streamed response (server-sent events) through the balancer: each chunk the backend flushes reaches the client
/// while the backend still holds the response open, so a stream of job events is not held back by the balancer.
/// </summary>
[TestClass]
public sealed class LoadBalancerStreamingTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    [TestMethod]
    public async Task Request_StreamedResponse_RelayedChunkByChunk()
    {
        var next = new SemaphoreSlim(0);
        await using var backend = await StreamingBackend.StartAsync(next);
        var port = FreePort();
        var source = new FixedBackends(backend.Url);
        await using var balancer = await LoadBalancer.StartAsync([new BalancedEndpoint("WebRole/HttpIn", port, source)]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var response = await http.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);

        // The backend writes the next event only once the client has read the one before: a balancer that held the
        // body back would leave the client waiting here, and the read would time out.
        for (var i = 1; i <= 3; i++)
        {
            using var timeout = new CancellationTokenSource(ReadTimeout);
            Assert.AreEqual($"data: {i}", await reader.ReadLineAsync(timeout.Token), $"event {i} while the response is open");
            Assert.AreEqual(string.Empty, await reader.ReadLineAsync(timeout.Token));
            next.Release();
        }

        using var end = new CancellationTokenSource(ReadTimeout);
        Assert.IsNull(await reader.ReadLineAsync(end.Token), "the backend's end of the response ends the client's");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class FixedBackends(params Uri[] backends) : IBackendSource
    {
        public IReadOnlyList<Uri> Backends => backends;
    }

    /// <summary>A real HTTP server whose <c>/events</c> writes three events, each after the test allows it, flushing each.</summary>
    private sealed class StreamingBackend(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url => url;

        public static async Task<StreamingBackend> StartAsync(SemaphoreSlim next)
        {
            var port = FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
            var app = builder.Build();
            app.MapGet("/events", async (HttpContext context) =>
            {
                context.Response.ContentType = "text/event-stream";
                for (var i = 1; i <= 3; i++)
                {
                    if (i > 1 && !await next.WaitAsync(ReadTimeout, context.RequestAborted))
                    {
                        return;
                    }

                    await context.Response.WriteAsync($"data: {i}\n\n", context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }

                await next.WaitAsync(ReadTimeout, context.RequestAborted);
            });
            await app.StartAsync();
            return new StreamingBackend(app, new Uri($"http://127.0.0.1:{port}/"));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
