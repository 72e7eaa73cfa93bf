using BackgroundRoles.Hosting;
using BackgroundRoles.Hosting.Protocol;
using BackgroundRoles.Supervision;

namespace BackgroundRoles.Runtime.Tests.Hosting;

/// <summary>The control channel's wire format: one JSON object per line, a <c>type</c> naming the message.</summary>
[TestClass]
public sealed class ChannelCodecTests
{
    [TestMethod]
    public void Serialize_EveryMessage_ReadsBackEqualOnOneLine()
    {
        ChannelMessage[] messages =
        [
            new HelloMessage("WorkerRole_IN_0", "secret", 42),
            new StatusMessage(InstanceStatus.Ready),
            new RecycleRequestedMessage(),
            new ChangeResultMessage(7, Applied: false, Error: "boom"),
            new StopMessage("scaled down"),
            new RecycleMessage("recycle requested"),
        ];

        foreach (var message in messages)
        {
            var line = ChannelCodec.Serialize(message);

            Assert.DoesNotContain("\n", line);
            Assert.AreEqual(message, ChannelCodec.Parse(line, out var error), error);
        }
    }

    [TestMethod]
    public void Serialize_StatusAndSettings_UsesTypeNamesAndEnumNames()
    {
        Assert.AreEqual("""{"type":"status","status":"Busy"}""", ChannelCodec.Serialize(new StatusMessage(InstanceStatus.Busy)));

        var apply = (ApplySettingsMessage)ChannelCodec.Parse("""{"settings":{"Freeze":"true"},"type":"applySettings","id":3}""", out _)!;

        Assert.AreEqual(3, apply.Id);
        Assert.AreEqual("true", apply.Settings["Freeze"]);
    }

    [TestMethod]
    public void Serialize_ApplyTopology_ReadsBackTheRolesAndTheirEndpoints()
    {
        var message = new ApplyTopologyMessage(9, [new RoleTopologyDescriptor("WorkerRole", ["WorkerRole_IN_0", "WorkerRole_IN_1"])
        {
            InstanceEndpoints = new Dictionary<string, IReadOnlyList<EndpointDescriptor>>
            {
                ["WorkerRole_IN_1"] = [new EndpointDescriptor("Gossip", "tcp", "127.0.0.1", 30001, null)],
            },
        }]);

        var line = ChannelCodec.Serialize(message);
        var read = (ApplyTopologyMessage)ChannelCodec.Parse(line, out var error)!;

        StringAssert.StartsWith(line, """{"type":"applyTopology",""");
        Assert.IsNull(error);
        Assert.AreEqual(9, read.Id);
        CollectionAssert.AreEqual(new[] { "WorkerRole_IN_0", "WorkerRole_IN_1" }, read.Roles.Single().InstanceIds.ToList());
        Assert.AreEqual(new EndpointDescriptor("Gossip", "tcp", "127.0.0.1", 30001, null), read.Roles.Single().InstanceEndpoints["WorkerRole_IN_1"].Single());
    }

    [TestMethod]
    public void Parse_HealthReport_KeepsTasks()
    {
        var health = new HealthMessage(new SupervisorHealthReport(
            SupervisorState.Running,
            [new TaskHealth("Janitor", TaskState.BackingOff, 2, 1, "IOException: disk", DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch, null, Required: true)]));

        var read = (HealthMessage)ChannelCodec.Parse(ChannelCodec.Serialize(health), out _)!;

        Assert.AreEqual(TaskState.BackingOff, read.Report.Tasks[0].State);
        Assert.AreEqual("IOException: disk", read.Report.Tasks[0].LastError);
    }

    [TestMethod]
    [DataRow("not json")]
    [DataRow("""{"type":"launchMissiles"}""")]
    [DataRow("""{"status":"Ready"}""")]
    public void Parse_NotAMessage_NullWithReason(string line)
    {
        Assert.IsNull(ChannelCodec.Parse(line, out var error));
        Assert.IsNotNull(error);
    }
}
