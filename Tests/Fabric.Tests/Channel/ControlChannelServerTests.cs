using System.Net.Sockets;
using System.Text;
using BackgroundRoles.Fabric.Channel;
using BackgroundRoles.Hosting.Protocol;

namespace BackgroundRoles.Fabric.Tests.Channel;

/// <summary>The fabric's channel listener: a connection is an instance's only with that instance's secret.</summary>
[TestClass]
public sealed class ControlChannelServerTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [TestMethod]
    public async Task Hello_RightSecret_AttachesAndPassesStatus()
    {
        using var server = ControlChannelServer.Start();
        using var registration = server.Register("WorkerRole_IN_0");
        using var instance = await ConnectAsync(server, new HelloMessage("WorkerRole_IN_0", registration.Secret, 4242));

        var connection = await registration.Connected.WaitAsync(Guard);
        var received = new TaskCompletionSource<ChannelMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Start(m => received.TrySetResult(m));
        await SendAsync(instance, new StatusMessage(InstanceStatus.Ready));

        Assert.AreEqual(4242, connection.ProcessId);
        Assert.AreEqual(new StatusMessage(InstanceStatus.Ready), await received.Task.WaitAsync(Guard));
    }

    [TestMethod]
    public async Task Hello_WrongSecretOrInstance_IsClosed()
    {
        using var server = ControlChannelServer.Start();
        using var registration = server.Register("WorkerRole_IN_0");

        using var wrongSecret = await ConnectAsync(server, new HelloMessage("WorkerRole_IN_0", "guess", 1));
        using var wrongInstance = await ConnectAsync(server, new HelloMessage("WorkerRole_IN_1", registration.Secret, 1));

        Assert.AreEqual(0, await wrongSecret.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(Guard), "closed by the fabric");
        Assert.AreEqual(0, await wrongInstance.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(Guard), "closed by the fabric");
        Assert.IsFalse(registration.Connected.IsCompleted);
    }

    [TestMethod]
    public async Task Hello_NoNewlinePastTheCap_IsClosedBeforeTheHelloTimeout()
    {
        using var server = ControlChannelServer.Start();
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        var stream = client.GetStream();
        var started = TimeProvider.System.GetTimestamp();

        // 16 MB with no newline: the fabric stops reading at the hello cap and closes, so the writes fail or end.
        var junk = new byte[64 * 1024];
        Array.Fill(junk, (byte)'a');
        try
        {
            for (var i = 0; i < 256; i++)
            {
                await stream.WriteAsync(junk).AsTask().WaitAsync(Guard);
            }
        }
        catch (IOException)
        {
            // Closed by the fabric while we were still sending: what the test expects.
        }

        Assert.IsTrue(await IsClosedAsync(stream), "closed by the fabric");
        Assert.IsLessThan(FabricDefaults.HelloTimeout, TimeProvider.System.GetElapsedTime(started), "closed at the cap, not at the timeout");
    }

    [TestMethod]
    public async Task Hello_NeverEnded_IsClosedAtTheHelloTimeout()
    {
        using var server = ControlChannelServer.Start();
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes("{\"type\":\"hello\""));

        Assert.IsTrue(await IsClosedAsync(client.GetStream()), "closed by the fabric");
    }

    [TestMethod]
    public async Task Attached_LinePastTheCap_IsDroppedUnreadAndTheNextLineArrives()
    {
        using var server = ControlChannelServer.Start();
        using var registration = server.Register("WorkerRole_IN_0");
        using var instance = await ConnectAsync(server, new HelloMessage("WorkerRole_IN_0", registration.Secret, 4242));
        var connection = await registration.Connected.WaitAsync(Guard);
        var received = new TaskCompletionSource<ChannelMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Start(m => received.TrySetResult(m));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        // 64 MB in one line: the fabric drops it as it comes instead of holding it (a StreamReader would take 128 MB).
        var junk = new byte[1024 * 1024];
        Array.Fill(junk, (byte)'{');
        for (var i = 0; i < 64; i++)
        {
            await instance.GetStream().WriteAsync(junk);
        }

        await instance.GetStream().WriteAsync("\n"u8.ToArray());
        await SendAsync(instance, new StatusMessage(InstanceStatus.Busy));

        Assert.AreEqual(new StatusMessage(InstanceStatus.Busy), await received.Task.WaitAsync(Guard));
        Assert.IsLessThan(16L * 1024 * 1024, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, "the long line was not kept");
    }

    /// <summary>True when the fabric closes the connection within the guard (end of stream or a reset).</summary>
    private static async Task<bool> IsClosedAsync(NetworkStream stream)
    {
        var buffer = new byte[1024];
        try
        {
            while (await stream.ReadAsync(buffer).AsTask().WaitAsync(Guard) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task<TcpClient> ConnectAsync(ControlChannelServer server, HelloMessage hello)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        await SendAsync(client, hello);
        return client;
    }

    private static async Task SendAsync(TcpClient client, ChannelMessage message) =>
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(ChannelCodec.Serialize(message) + "\n"));
}
