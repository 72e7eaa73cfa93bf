using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using BackgroundRoles.Jobs.Callbacks;

namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>
/// A webhook receiver on a free loopback port that answers requests concurrently (so two senders of one callback
/// would overlap here), records each delivery id with its body, and counts how many requests of one delivery id
/// were open at the same time. <see cref="Respond"/> gives each request's status by its 1-based number.
/// </summary>
internal sealed class DeliveryReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _handlers = [];
    private int _count;
    private int _maxOpenPerDelivery;

    private DeliveryReceiver(HttpListener listener, int port)
    {
        _listener = listener;
        HostAndPort = $"127.0.0.1:{port}";
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The host:port for an allow-list.</summary>
    public string HostAndPort { get; }

    public Uri Url => new($"http://{HostAndPort}/hook");

    public Func<int, int> Respond { get; set; } = _ => 204;

    /// <summary>How long each answer is held back, so overlapping deliveries of one id would be seen.</summary>
    public TimeSpan AnswerDelay { get; set; }

    public ConcurrentQueue<(string? DeliveryId, string Body, int Status)> Received { get; } = new();

    public int Count => Received.Count;

    /// <summary>The most requests of one delivery id that were open at once.</summary>
    public int MaxOpenPerDelivery => Volatile.Read(ref _maxOpenPerDelivery);

    public int CountFor(string deliveryId) => Received.Count(r => r.DeliveryId == deliveryId);

    /// <summary>Requests of <paramref name="deliveryId"/> answered with a 2xx status.</summary>
    public int AcceptedFor(string deliveryId) => Received.Count(r => r.DeliveryId == deliveryId && r.Status is >= 200 and < 300);

    public static DeliveryReceiver Start()
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
                return new DeliveryReceiver(listener, port);
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
        var id = context.Request.Headers[CallbackSignature.DeliveryHeader] ?? string.Empty;
        var open = _open.AddOrUpdate(id, 1, (_, n) => n + 1);
        InterlockedMax(ref _maxOpenPerDelivery, open);
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, context.Request.ContentEncoding);
            var body = await reader.ReadToEndAsync();
            var number = Interlocked.Increment(ref _count);
            if (AnswerDelay > TimeSpan.Zero)
            {
                await Task.Delay(AnswerDelay);
            }

            var status = Respond(number);
            Received.Enqueue((context.Request.Headers[CallbackSignature.DeliveryHeader], body, status));
            context.Response.StatusCode = status;
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
