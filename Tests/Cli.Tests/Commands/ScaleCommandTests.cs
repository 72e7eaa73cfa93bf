using BackgroundRoles.Cli.Tests.Support;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary><c>cloudservice scale</c>: instances started and stopped live, the highest numbers stopped first.</summary>
[TestClass]
public sealed class ScaleCommandTests
{
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
}
