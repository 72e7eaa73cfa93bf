using System.Text.RegularExpressions;
using BackgroundRoles.Cli.Tests.Support;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary>
/// <c>cloudservice scale</c>: instances started and stopped live, the highest numbers stopped first; the running
/// instances get a topology Changing, then Changed, or are recycled when they cancel it.
/// </summary>
[TestClass]
public sealed partial class ScaleCommandTests
{
    private const string PeerEndpoint = """<InternalEndpoint name="Peer" protocol="tcp" />""";

    [TestMethod]
    public async Task Scale_UpThenDown_StartsNewInstancesThenStopsTheHighest()
    {
        using var service = new EmulatorService(instances: 1);
        var run = await service.StartAsync();
        await service.WaitForCountAsync("marker: Run", 1);

        var (up, upCli) = await service.CliAsync("scale", "LifecycleRole", "3");
        using (upCli)
        {
            Assert.AreEqual(0, up, upCli.Output);
        }

        await service.WaitForStatusAsync(s => EmulatorService.Instances(s).Count(i => i.State == "Ready") == 3, "three Ready instances");

        var (down, downCli) = await service.CliAsync("scale", "LifecycleRole", "1");
        using (downCli)
        {
            Assert.AreEqual(0, down, downCli.Output);
        }

        var status = await service.WaitForStatusAsync(s => EmulatorService.Instances(s).Count == 1, "one instance left");
        Assert.AreEqual("LifecycleRole_IN_0", EmulatorService.Instances(status)[0].Id);
        Assert.IsTrue(run.Lines.Any(l => l.StartsWith("LifecycleRole_IN_2: stopped (exit code 0)", StringComparison.Ordinal)), run.Output);
        Assert.IsTrue(run.Lines.Any(l => l.StartsWith("LifecycleRole_IN_1: stopped (exit code 0)", StringComparison.Ordinal)), run.Output);

        var (unknown, unknownCli) = await service.CliAsync("scale", "Nope", "2");
        var (zero, zeroCli) = await service.CliAsync("scale", "LifecycleRole", "0");
        using (unknownCli)
        using (zeroCli)
        {
            Assert.AreEqual(1, unknown, unknownCli.Output);
            StringAssert.Contains(unknownCli.Output, "no role 'Nope'");
            Assert.AreEqual(2, zero, zeroCli.Output);
        }
    }

    [TestMethod]
    public async Task Scale_Up_RunningInstanceGetsTopologyChangingThenChangedAndSeesTheNewPeer()
    {
        using var service = new EmulatorService(instances: 1, endpoints: PeerEndpoint);
        var run = await service.StartAsync();

        // Ready as the fabric sees it: the channel is attached, so the change goes out live at once.
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s)[0].State == "Ready", "Ready");

        var (exitCode, cli) = await service.CliAsync("scale", "LifecycleRole", "2");
        using (cli)
        {
            Assert.AreEqual(0, exitCode, cli.Output);
        }

        var changed = await run.WaitForLineAsync(l => l.StartsWith("marker: LifecycleRole_IN_0 Changed topology LifecycleRole;", StringComparison.Ordinal), EmulatorService.Timeout);
        var started = await run.WaitForLineAsync(l => l.StartsWith("marker: LifecycleRole_IN_1 Roles ", StringComparison.Ordinal), EmulatorService.Timeout);
        var lines = run.Lines.ToList();
        var expected = $"LifecycleRole=LifecycleRole_IN_0[Peer={PeerPort(lines, 0)}],LifecycleRole_IN_1[Peer={PeerPort(lines, 1)}]";
        Assert.Contains("LifecycleRole: topology change sent to 1 instance", lines, run.Output);
        Assert.IsTrue(lines.IndexOf("marker: LifecycleRole_IN_0 Changing topology LifecycleRole") is var changing && changing >= 0 && changing < lines.IndexOf(changed), run.Output);
        Assert.AreEqual("marker: LifecycleRole_IN_0 Changed topology LifecycleRole; Roles " + expected, changed, "the first instance sees its new peer and where it listens");
        Assert.AreEqual("marker: LifecycleRole_IN_1 Roles " + expected, started, "the new instance starts with the same topology");
        Assert.Contains("LifecycleRole_IN_0: new topology applied (Changing, then Changed)", lines, run.Output);
        Assert.IsFalse(lines.Any(l => l.StartsWith("marker: LifecycleRole_IN_1 Changing", StringComparison.Ordinal)), "the new instance has nothing to change: " + run.Output);
    }

    [TestMethod]
    public async Task Scale_Up_InstanceCancellingChangingIsRecycledAndStartsWithTheNewTopology()
    {
        using var service = new EmulatorService(instances: 1, cancelChanging: "true", endpoints: PeerEndpoint);
        var run = await service.StartAsync();
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s)[0].State == "Ready", "Ready");

        var (exitCode, cli) = await service.CliAsync("scale", "LifecycleRole", "2");
        using (cli)
        {
            Assert.AreEqual(0, exitCode, cli.Output);
        }

        await service.WaitForCountAsync("marker: Run", 3);
        var lines = run.Lines.ToList();
        var both = $"LifecycleRole=LifecycleRole_IN_0[Peer={PeerPort(lines, 0)}],LifecycleRole_IN_1[Peer={PeerPort(lines, 1)}]";
        Assert.Contains("marker: LifecycleRole_IN_0 Changing topology LifecycleRole cancelled", lines, run.Output);
        Assert.Contains("LifecycleRole_IN_0: Changing was cancelled: recycling it with the new topology", lines, run.Output);
        Assert.IsFalse(lines.Any(l => l.StartsWith("marker: LifecycleRole_IN_0 Changed topology", StringComparison.Ordinal)), run.Output);
        Assert.AreEqual(1, lines.Count(l => l == "marker: OnStop done"), "only the first instance stopped, once: " + run.Output);
        Assert.Contains($"marker: LifecycleRole_IN_0 Roles {both}", lines, run.Output);
        Assert.Contains($"marker: LifecycleRole_IN_1 Roles {both}", lines, run.Output);
    }

    [TestMethod]
    public async Task Scale_EitherRole_OnlyTheRoleWithAnInternalEndpointSeesTheTopologyChange()
    {
        using var service = new EmulatorService(instances: 1, endpoints: PeerEndpoint, otherRoleEndpoints: string.Empty);
        var run = await service.StartAsync();
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s).All(i => i.State == "Ready") && EmulatorService.Instances(s).Count == 2, "both Ready");

        // Another role scales: LifecycleRole (an internal endpoint) is told, OtherRole (none) is not.
        var (scaledOther, otherCli) = await service.CliAsync("scale", "OtherRole", "2");
        using (otherCli)
        {
            Assert.AreEqual(0, scaledOther, otherCli.Output);
        }

        await run.WaitForLineAsync(l => l.StartsWith("marker: LifecycleRole_IN_0 Changed topology OtherRole;", StringComparison.Ordinal), EmulatorService.Timeout);
        Assert.Contains("OtherRole: topology change sent to 1 instance", run.Lines.ToList(), run.Output);

        // Its own role scales: the role without an internal endpoint is not told either.
        var (scaledOwn, ownCli) = await service.CliAsync("scale", "LifecycleRole", "2");
        using (ownCli)
        {
            Assert.AreEqual(0, scaledOwn, ownCli.Output);
        }

        await run.WaitForLineAsync(l => l.StartsWith("marker: LifecycleRole_IN_0 Changed topology LifecycleRole;", StringComparison.Ordinal), EmulatorService.Timeout);
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s).Count(i => i.State == "Ready") == 4, "four Ready instances");
        var lines = run.Lines.ToList();
        Assert.IsFalse(lines.Any(l => l.StartsWith("marker: OtherRole_IN_", StringComparison.Ordinal) && l.Contains(" topology ", StringComparison.Ordinal)), "no Changing or Changed in OtherRole: " + run.Output);
        Assert.IsFalse(lines.Any(l => l.StartsWith("OtherRole_IN_0: new topology applied", StringComparison.Ordinal)), run.Output);
        Assert.AreEqual(1, lines.Count(l => l == "marker: OtherRole_IN_0 Deployment deployment16(1) emulated=True"), "OtherRole_IN_0 was not restarted: " + run.Output);
    }

    /// <summary>The Peer port of instance N, from the emulator's "process started" line.</summary>
    private static string PeerPort(IReadOnlyList<string> lines, int index) =>
        lines.Select(l => StartedLine().Match(l)).First(m => m.Success && m.Groups["index"].Value == index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Groups["port"].Value;

    [GeneratedRegex(@"^LifecycleRole_IN_(?<index>\d+): process \d+ started; Peer at tcp://127\.0\.0\.1:(?<port>\d+)/$")]
    private static partial Regex StartedLine();
}
