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
