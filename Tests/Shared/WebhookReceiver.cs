using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BackgroundRoles.Tests;

/// <summary>
/// A webhook receiver on a free loopback port: records every request (path, headers, body) and answers each with the
/// status <see cref="Respond"/> gives for its 1-based number; a 302 points at <c>/elsewhere</c>.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private int _count;

    private WebhookReceiver(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>The host:port for an allow-list.</summary>
    public string HostAndPort => $"127.0.0.1:{Port}";

    public Func<int, int> Respond { get; set; } = _ => 200;

    public ConcurrentQueue<ReceivedCallback> Received { get; } = new();

    public Uri Url(string path = "/hook") => new($"http://{HostAndPort}{path}");

    public static WebhookReceiver Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new WebhookReceiver(listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, context.Request.ContentEncoding);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue(new ReceivedCallback(context.Request.Url!.AbsolutePath, context.Request.Headers["X-BackgroundRoles-Timestamp"], context.Request.Headers["X-BackgroundRoles-Signature"], body, _clock.Elapsed));
            var status = Respond(Interlocked.Increment(ref _count));
            context.Response.StatusCode = status;
            if (status is >= 300 and < 400)
            {
                context.Response.RedirectLocation = $"http://{HostAndPort}/elsewhere";
            }

            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
