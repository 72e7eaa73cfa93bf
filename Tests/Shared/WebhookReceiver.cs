using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BackgroundRoles.Tests;

/// <summary>
/// A webhook receiver on a free loopback port: answers requests concurrently (so two senders of one callback would
/// overlap here), records every request (path, headers, body, the status it got) and answers each with the status
/// <see cref="Respond"/> gives for its 1-based number; a 302 points at <c>/elsewhere</c>. It also counts how many
/// requests of one delivery id were open at the same time.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>The header a delivery's id comes in (the product's <c>CallbackSignature.DeliveryHeader</c>).</summary>
    public const string DeliveryHeader = "X-BackgroundRoles-Delivery";

    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _handlers = [];
    private int _count;
    private int _maxOpenPerDelivery;

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

    /// <summary>How long each answer is held back, so overlapping deliveries of one id would be seen.</summary>
    public TimeSpan AnswerDelay { get; set; }

    public ConcurrentQueue<ReceivedCallback> Received { get; } = new();

    public int Count => Received.Count;

    /// <summary>The most requests of one delivery id that were open at once.</summary>
    public int MaxOpenPerDelivery => Volatile.Read(ref _maxOpenPerDelivery);

    public int CountFor(string deliveryId) => Received.Count(r => r.DeliveryId == deliveryId);

    /// <summary>Requests of <paramref name="deliveryId"/> answered with a 2xx status.</summary>
    public int AcceptedFor(string deliveryId) => Received.Count(r => r.DeliveryId == deliveryId && r.Status is >= 200 and < 300);

    public Uri Url(string path = "/hook") => new($"http://{HostAndPort}{path}");

    public static WebhookReceiver Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            // A port the system just handed out and took back; another process may take it first, so try again then.
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

            _handlers.Add(Task.Run(() => AnswerAsync(context)));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var id = request.Headers[DeliveryHeader] ?? string.Empty;
        InterlockedMax(ref _maxOpenPerDelivery, _open.AddOrUpdate(id, 1, (_, n) => n + 1));
        try
        {
            var arrived = _clock.Elapsed;
            using var reader = new StreamReader(request.InputStream, request.ContentEncoding);
            var body = await reader.ReadToEndAsync();
            var number = Interlocked.Increment(ref _count);
            if (AnswerDelay > TimeSpan.Zero)
            {
                await Task.Delay(AnswerDelay);
            }

            var status = Respond(number);
            Received.Enqueue(new ReceivedCallback(request.Url!.AbsolutePath, request.Headers["X-BackgroundRoles-Timestamp"], request.Headers["X-BackgroundRoles-Signature"], body, arrived, request.Headers[DeliveryHeader], status));
            context.Response.StatusCode = status;
            if (status is >= 300 and < 400)
            {
                context.Response.RedirectLocation = $"http://{HostAndPort}/elsewhere";
            }

            context.Response.Close();
        }
        catch (HttpListenerException)
        {
            // The sender gave up on this request (its timeout or stop).
        }
        finally
        {
            _open.AddOrUpdate(id, 0, (_, n) => n - 1);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAll(_handlers).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
