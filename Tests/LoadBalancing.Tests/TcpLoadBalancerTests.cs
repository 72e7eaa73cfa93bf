using System.Net;
using System.Net.Sockets;
using System.Text;
using BackgroundRoles.Tests;

namespace BackgroundRoles.LoadBalancing.Tests;

/// <summary>The TCP balancer in front of real echo servers on loopback, driven over real sockets.</summary>
[TestClass]
public sealed partial class TcpLoadBalancerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [TestMethod]
    public async Task Connect_TwoBackends_AlternatesBetweenThemPerConnection()
    {
        await using var a = EchoBackend.Start("a");
        await using var b = EchoBackend.Start("b");
        await using var balancer = TcpLoadBalancer.Start(Endpoint(new BackendList(a.Url, b.Url)));

        var served = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            served.Add(await ExchangeAsync(balancer.Port, "ping"));
        }

        var names = served.Select(s => s.Split('\n')[0]).ToList();
        CollectionAssert.AreEquivalent(new[] { "a", "b", "a", "b" }, names, string.Join(" | ", served));
        Assert.AreNotEqual(names[0], names[1], "round robin");
        Assert.IsTrue(served.All(s => s.EndsWith("\npingbye 4\n", StringComparison.Ordinal)), string.Join(" | ", served));
    }

    [TestMethod]
    public async Task Connect_ListedBackendGoneAway_NextBackendTakesTheConnection()
    {
        await using var a = EchoBackend.Start("a");
        var gone = EchoBackend.Start("gone");
        var goneUrl = gone.Url;
        await gone.DisposeAsync();
        await using var balancer = TcpLoadBalancer.Start(Endpoint(new BackendList(goneUrl, a.Url)));

        var served = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            served.Add(await ExchangeAsync(balancer.Port, "x"));
        }

        Assert.IsTrue(served.All(s => s == "a\nxbye 1\n"), string.Join(" | ", served));
    }

    [TestMethod]
    public async Task Connect_BackendLeavesTheList_GetsNoMoreConnections()
    {
        await using var a = EchoBackend.Start("a");
        await using var busy = EchoBackend.Start("busy");
        var source = new BackendList(a.Url, busy.Url);
        await using var balancer = TcpLoadBalancer.Start(Endpoint(source));

        source.Set(a.Url);
        var served = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            served.Add(await ExchangeAsync(balancer.Port, "x"));
        }

        Assert.IsTrue(served.All(s => s.StartsWith("a\n", StringComparison.Ordinal)), string.Join(" | ", served));
        Assert.AreEqual(0, busy.Connections);
    }

    [TestMethod]
    public async Task Connect_NoBackend_ConnectionIsClosed()
    {
        await using var balancer = TcpLoadBalancer.Start(Endpoint(new BackendList()));

        Assert.AreEqual(string.Empty, await ExchangeAsync(balancer.Port, "anyone?", tolerateReset: true));
    }

    [TestMethod]
    public async Task Connect_NoListedBackendAccepts_ConnectionIsClosed()
    {
        var gone = EchoBackend.Start("gone");
        var goneUrl = gone.Url;
        await gone.DisposeAsync();
        await using var balancer = TcpLoadBalancer.Start(Endpoint(new BackendList(goneUrl)));

        Assert.AreEqual(string.Empty, await ExchangeAsync(balancer.Port, "anyone?", tolerateReset: true));
    }

    [TestMethod]
    public async Task Relay_ClientShutsDownSending_BackendSeesTheEndAndItsAnswerStillArrives()
    {
        await using var a = EchoBackend.Start("a");
        await using var balancer = TcpLoadBalancer.Start(Endpoint(new BackendList(a.Url)));
        using var client = await Loopback.ConnectAsync(balancer.Port);
        using var cancellation = new CancellationTokenSource(Timeout);

        await client.SendAsync(Encoding.ASCII.GetBytes("half"), cancellation.Token);
        client.Shutdown(SocketShutdown.Send);

        // The backend says bye only once it has read the end of the client's data: the half-close went through, and
        // its answer came back on the half that stayed open, then its own close.
        Assert.AreEqual("a\nhalfbye 4\n", Encoding.ASCII.GetString(await ReadToEndAsync(client, cancellation.Token)));
    }

    [TestMethod]
    public async Task Relay_LargePayload_ArrivesIntactBothWays()
    {
        await using var a = EchoBackend.Start("a");
        await using var balancer = TcpLoadBalancer.Start(Endpoint(new BackendList(a.Url)));
        using var client = await Loopback.ConnectAsync(balancer.Port);
        using var cancellation = new CancellationTokenSource(Timeout);
        var payload = new byte[8 * 1024 * 1024];
        new Random(42).NextBytes(payload);

        var reading = ReadToEndAsync(client, cancellation.Token);
        for (var offset = 0; offset < payload.Length; offset += 100_000)
        {
            await client.SendAsync(payload.AsMemory(offset, Math.Min(100_000, payload.Length - offset)), cancellation.Token);
        }

        client.Shutdown(SocketShutdown.Send);
        var received = await reading;

        var greeting = "a\n"u8.Length;
        var bye = Encoding.ASCII.GetBytes($"bye {payload.Length}\n");
        Assert.AreEqual(greeting + payload.Length + bye.Length, received.Length);
        Assert.IsTrue(received.AsSpan(greeting, payload.Length).SequenceEqual(payload), "the payload came back byte for byte");
        Assert.IsTrue(received.AsSpan(greeting + payload.Length).SequenceEqual(bye));
    }

    [TestMethod]
    public async Task Relay_NothingMovesForTheIdleTimeout_ConnectionIsClosedWhileABusyOneStaysOpen()
    {
        await using var a = EchoBackend.Start("a");
        await using var balancer = TcpLoadBalancer.Start(Endpoint(new BackendList(a.Url)) with { IdleTimeout = TimeSpan.FromSeconds(1) });
        using var idle = await Loopback.ConnectAsync(balancer.Port);
        using var busy = await Loopback.ConnectAsync(balancer.Port);
        using var cancellation = new CancellationTokenSource(Timeout);
        var buffer = new byte[2];
        Assert.AreEqual(2, await busy.ReceiveAsync(buffer, cancellation.Token), "the greeting");

        // A byte each way every 100 ms for 2.5 s: never idle for the second the other connection sits out.
        for (var i = 0; i < 25; i++)
        {
            await busy.SendAsync("x"u8.ToArray(), cancellation.Token);
            Assert.AreEqual(1, await busy.ReceiveAsync(buffer.AsMemory(0, 1), cancellation.Token));
            await Task.Delay(100, cancellation.Token);
        }

        Assert.AreEqual("a\n", Encoding.ASCII.GetString(await ReadToEndAsync(idle, cancellation.Token, tolerateReset: true)), "the idle connection got its greeting, then was closed");
        await busy.SendAsync("y"u8.ToArray(), cancellation.Token);
        Assert.AreEqual(1, await busy.ReceiveAsync(buffer.AsMemory(0, 1), cancellation.Token));
        Assert.AreEqual((byte)'y', buffer[0], "the busy connection still relays");
    }

    [TestMethod]
    public async Task Dispose_OpenConnection_IsClosedAndThePortNoLongerListens()
    {
        await using var a = EchoBackend.Start("a");
        var balancer = TcpLoadBalancer.Start(Endpoint(new BackendList(a.Url)));
        using var client = await Loopback.ConnectAsync(balancer.Port);
        using var cancellation = new CancellationTokenSource(Timeout);
        var greeting = new byte[2];
        Assert.AreEqual(2, await client.ReceiveAsync(greeting, cancellation.Token));

        await balancer.DisposeAsync();

        Assert.AreEqual(0, (await ReadToEndAsync(client, cancellation.Token, tolerateReset: true)).Length);
        var refused = await Assert.ThrowsAsync<SocketException>(() => Loopback.ConnectAsync(balancer.Port));
        Assert.AreEqual(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [TestMethod]
    public void Start_PortTaken_ThrowsIOExceptionNamingTheEndpoint()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var error = Assert.Throws<IOException>(() => TcpLoadBalancer.Start(new BalancedEndpoint("Role/TcpIn", port, new BackendList())));

        StringAssert.Contains(error.Message, "Role/TcpIn");
    }

    private static BalancedEndpoint Endpoint(IBackendSource source) => new("Role/TcpIn", 0, source);

    /// <summary>Connects, sends <paramref name="message"/>, half-closes and reads all the balancer sends back.</summary>
    private static async Task<string> ExchangeAsync(int port, string message, bool tolerateReset = false)
    {
        using var client = await Loopback.ConnectAsync(port);
        using var cancellation = new CancellationTokenSource(Timeout);
        try
        {
            await client.SendAsync(Encoding.ASCII.GetBytes(message), cancellation.Token);
            client.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException) when (tolerateReset)
        {
            // The balancer may have closed already.
        }

        return Encoding.ASCII.GetString(await ReadToEndAsync(client, cancellation.Token, tolerateReset));
    }

    private static async Task<byte[]> ReadToEndAsync(Socket socket, CancellationToken cancellationToken, bool tolerateReset = false)
    {
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException e) when (tolerateReset && e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // A close with data still unread arrives as a reset: closed all the same.
        }

        return received.ToArray();
    }

    /// <summary>A backend list the test changes, as the fabric does when an instance goes Busy.</summary>
    private sealed class BackendList(params Uri[] initial) : IBackendSource
    {
        private volatile Uri[] _backends = initial;

        public IReadOnlyList<Uri> Backends => _backends;

        public void Set(params Uri[] backends) => _backends = backends;
    }
}
