using System.Net;
using System.Net.Sockets;
using System.Text;
using BackgroundRoles.Hosting;
using BackgroundRoles.Hosting.Internal;
using BackgroundRoles.Hosting.Protocol;
using BackgroundRoles.ServiceRuntime;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Runtime.Tests.Hosting;

/// <summary>The instance's end of the control channel, against a fake fabric on a loopback socket.</summary>
[TestClass]
public sealed class ControlChannelClientTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [TestMethod]
    public async Task Connect_FabricDrivesTheHost_StatusSettingsAndStopFlow()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var descriptor = TestDescriptors.Create() with
        {
            ControlChannel = new ControlChannelDescriptor("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, "s3cret"),
            StatusCheckInterval = TimeSpan.FromHours(1),
        };
        var environment = new RoleInstanceEnvironment(descriptor);
        var host = new RoleInstanceHost(environment, new ParkedRole(), NullLogger.Instance, TimeProvider.System);
        var accepting = listener.AcceptTcpClientAsync();
        using var client = ControlChannelClient.Connect(descriptor.ControlChannel!, environment, host, NullLogger.Instance);
        using var fabric = await accepting.WaitAsync(Guard);
        using var reader = new StreamReader(fabric.GetStream(), Encoding.UTF8);
        await using var writer = new StreamWriter(fabric.GetStream(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };

        var hello = (HelloMessage)await ReadAsync(reader);
        Assert.AreEqual("WorkerRole_IN_1", hello.InstanceId);
        Assert.AreEqual("s3cret", hello.Secret);

        var run = Task.Run(host.Run);
        Assert.AreEqual(new StatusMessage(InstanceStatus.Busy), await ReadAsync(reader));
        Assert.AreEqual(new StatusMessage(InstanceStatus.Ready), await ReadAsync(reader));

        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        environment.Changed += (_, _) => changed.TrySetResult();
        await writer.WriteLineAsync(ChannelCodec.Serialize(new ApplySettingsMessage(5, new Dictionary<string, string> { ["Freeze"] = "true", ["Name"] = "value" })));
        Assert.AreEqual(new ChangeResultMessage(5, Applied: true), await ReadAsync(reader));
        await changed.Task.WaitAsync(Guard);

        environment.Changing += (_, e) => e.Cancel = true;
        await writer.WriteLineAsync(ChannelCodec.Serialize(new ApplySettingsMessage(6, new Dictionary<string, string> { ["Freeze"] = "false" })));
        Assert.AreEqual(new ChangeResultMessage(6, Applied: false), await ReadAsync(reader));
        Assert.AreEqual("true", environment.GetConfigurationSettingValue("Freeze"), "a cancelled Changing leaves the settings as they were");

        await writer.WriteLineAsync(ChannelCodec.Serialize(new ApplyTopologyMessage(7, [new RoleTopologyDescriptor("WorkerRole", ["WorkerRole_IN_0", "WorkerRole_IN_1", "WorkerRole_IN_2"])])));
        Assert.AreEqual(new ChangeResultMessage(7, Applied: false), await ReadAsync(reader), "the cancelling handler cancels a topology change too");
        Assert.HasCount(2, environment.Roles["WorkerRole"].Instances);

        await writer.WriteLineAsync(ChannelCodec.Serialize(new StopMessage("test")));
        Assert.AreEqual(new StatusMessage(InstanceStatus.Stopping), await ReadAsync(reader));
        Assert.AreEqual(RoleHostExitCodes.Stopped, await run.WaitAsync(Guard));
    }

    [TestMethod]
    public async Task Connect_FabricSendsATopology_ChangingThenChangedAndRolesFollow()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var channel = new ControlChannelDescriptor("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, "s3cret");
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create() with { ControlChannel = channel, StatusCheckInterval = TimeSpan.FromHours(1) });
        var host = new RoleInstanceHost(environment, new ParkedRole(), NullLogger.Instance, TimeProvider.System);
        var events = new List<string>();
        environment.Changing += (_, e) => events.Add("Changing " + ((RoleEnvironmentTopologyChange)e.Changes.Single()).RoleName);
        environment.Changed += (_, e) => events.Add("Changed " + ((RoleEnvironmentTopologyChange)e.Changes.Single()).RoleName);
        var accepting = listener.AcceptTcpClientAsync();
        using var client = ControlChannelClient.Connect(channel, environment, host, NullLogger.Instance);
        using var fabric = await accepting.WaitAsync(Guard);
        using var reader = new StreamReader(fabric.GetStream(), Encoding.UTF8);
        await using var writer = new StreamWriter(fabric.GetStream(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        Assert.IsInstanceOfType<HelloMessage>(await ReadAsync(reader));

        await writer.WriteLineAsync(ChannelCodec.Serialize(new ApplyTopologyMessage(3, [new RoleTopologyDescriptor("WorkerRole", ["WorkerRole_IN_0", "WorkerRole_IN_1"]), new RoleTopologyDescriptor("WebRole", ["WebRole_IN_0", "WebRole_IN_1"])])));

        Assert.AreEqual(new ChangeResultMessage(3, Applied: true), await ReadAsync(reader));
        CollectionAssert.AreEqual(new[] { "Changing WebRole", "Changed WebRole" }, events);
        Assert.HasCount(2, environment.Roles["WebRole"].Instances);
    }

    [TestMethod]
    public async Task Connect_FabricClosesTheChannel_HostStops()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var channel = new ControlChannelDescriptor("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, "s3cret");
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create() with { ControlChannel = channel });
        var host = new RoleInstanceHost(environment, new ParkedRole(), NullLogger.Instance, TimeProvider.System);
        var accepting = listener.AcceptTcpClientAsync();
        using var client = ControlChannelClient.Connect(channel, environment, host, NullLogger.Instance);
        var run = Task.Run(host.Run);

        (await accepting.WaitAsync(Guard)).Dispose();

        Assert.AreEqual(RoleHostExitCodes.Stopped, await run.WaitAsync(Guard));
    }

    [TestMethod]
    public void Connect_NothingListens_ReturnsNullAndTheHostRunsWithoutIt()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());
        var host = new RoleInstanceHost(environment, new ParkedRole(), NullLogger.Instance, TimeProvider.System);

        Assert.IsNull(ControlChannelClient.Connect(new ControlChannelDescriptor("127.0.0.1", port, "x"), environment, host, NullLogger.Instance));
    }

    private static async Task<ChannelMessage> ReadAsync(StreamReader reader)
    {
        var line = await reader.ReadLineAsync().WaitAsync(Guard);
        return ChannelCodec.Parse(line!, out var error) ?? throw new AssertFailedException(error ?? "unreadable");
    }

    /// <summary>A role whose Run waits for OnStop.</summary>
    private sealed class ParkedRole : RoleEntryPoint
    {
        private readonly ManualResetEventSlim _stopped = new();

        public override void Run() => _stopped.Wait();

        public override void OnStop() => _stopped.Set();
    }
}
