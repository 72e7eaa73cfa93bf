using System.Net.Sockets;
using System.Text;
using BackgroundRoles.Fabric.Channel;
using BackgroundRoles.Hosting;
using BackgroundRoles.Hosting.Protocol;

namespace BackgroundRoles.Fabric.Tests.Channel;

/// <summary>The fabric's end of an instance's channel: an environment change is answered by the result with its id.</summary>
[TestClass]
public sealed class InstanceConnectionTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [TestMethod]
    public async Task ApplyChangeAsync_InstanceAnswers_ReturnsTheAnswerWithItsId()
    {
        using var server = ControlChannelServer.Start();
        using var registration = server.Register("WorkerRole_IN_0");
        using var instance = await ConnectAsync(server, registration.Secret);
        var connection = await registration.Connected.WaitAsync(Guard);
        connection.Start(_ => { });
        using var reader = new StreamReader(instance.GetStream(), Encoding.UTF8);

        var applying = connection.ApplyChangeAsync(id => new ApplyTopologyMessage(id, [new RoleTopologyDescriptor("WorkerRole", ["WorkerRole_IN_0", "WorkerRole_IN_1"])]), Guard, TimeProvider.System);
        var sent = (ApplyTopologyMessage)ChannelCodec.Parse((await reader.ReadLineAsync().WaitAsync(Guard))!, out _)!;
        await SendAsync(instance, new ChangeResultMessage(sent.Id + 100, Applied: true));
        await SendAsync(instance, new ChangeResultMessage(sent.Id, Applied: false));

        Assert.HasCount(2, sent.Roles.Single().InstanceIds);
        Assert.AreEqual(new ChangeResultMessage(sent.Id, Applied: false), await applying.WaitAsync(Guard), "an answer to another id is not this one's");
    }

    [TestMethod]
    public async Task ApplyChangeAsync_InstanceClosesTheChannel_Null()
    {
        using var server = ControlChannelServer.Start();
        using var registration = server.Register("WorkerRole_IN_0");
        var instance = await ConnectAsync(server, registration.Secret);
        var connection = await registration.Connected.WaitAsync(Guard);
        connection.Start(_ => { });

        var applying = connection.ApplyChangeAsync(id => new ApplySettingsMessage(id, new Dictionary<string, string> { ["Name"] = "value" }), TimeSpan.FromMinutes(5), TimeProvider.System);
        instance.Dispose();

        Assert.IsNull(await applying.WaitAsync(Guard));
    }

    private static async Task<TcpClient> ConnectAsync(ControlChannelServer server, string secret)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        await SendAsync(client, new HelloMessage("WorkerRole_IN_0", secret, 4242));
        return client;
    }

    private static async Task SendAsync(TcpClient client, ChannelMessage message) =>
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(ChannelCodec.Serialize(message) + "\n"));
}
