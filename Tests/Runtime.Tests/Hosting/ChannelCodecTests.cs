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
            new SettingsResultMessage(7, Applied: false, Error: "boom"),
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
