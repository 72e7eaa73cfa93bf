using BackgroundRoles.Cli.Tests.Support;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary><c>cloudservice update-config</c>: a new cscfg against the running one, applied live, or refused whole.</summary>
[TestClass]
public sealed class UpdateConfigCommandTests
{
    [TestMethod]
    public async Task UpdateConfig_ChangedSettingAndCount_RaisesChangedAndScalesThenAnInvalidOneChangesNothing()
    {
        using var service = new EmulatorService();
        var run = await service.StartAsync();
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s)[0].State == "Ready", "Ready");
        service.WriteConfiguration("v2.cscfg", instances: 2, echo: "two");
        service.WriteConfiguration("bad.cscfg", instances: 3, echo: "three", extraSetting: """<Setting name="Nope" value="1" />""");

        var (exitCode, cli) = await service.CliAsync("update-config", "--cscfg", "v2.cscfg");
        using (cli)
        {
            Assert.AreEqual(0, exitCode, cli.Output);
            StringAssert.Contains(cli.Output, "LifecycleRole: Echo one -> two");
            StringAssert.Contains(cli.Output, "LifecycleRole: instances 1 -> 2");
            StringAssert.Contains(cli.Output, "LifecycleRole_IN_0: applied (Changing, then Changed)");
            Assert.DoesNotContain("ApiToken", cli.Output, "an unchanged setting is no change");
        }

        await service.WaitForCountAsync("marker: Changed Echo Echo=two", 1);
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s).Count(i => i.State == "Ready") == 2, "two instances Ready");

        var (refused, badCli) = await service.CliAsync("update-config", "--cscfg", "bad.cscfg");
        using (badCli)
        {
            Assert.AreEqual(1, refused, badCli.Output);
            StringAssert.Contains(badCli.Output, "nothing changed");
            StringAssert.Matches(badCli.Output, new System.Text.RegularExpressions.Regex(@"bad\.cscfg\(\d+,\d+\): error: .*Nope"));
        }

        Assert.HasCount(2, EmulatorService.Instances(await service.StatusAsync()));
        Assert.DoesNotContain("marker: Changed Echo Echo=three", run.Lines);
    }

    [TestMethod]
    public async Task UpdateConfig_ChangingCancelled_RecyclesWithTheNewValues()
    {
        using var service = new EmulatorService(cancelChanging: "true");
        var run = await service.StartAsync();
        await service.WaitForCountAsync("marker: Run", 1);

        // Ready comes over the instance's control channel: the fabric has its connection, so the change reaches it
        // (the role's own output can come first on a busy machine, and then the change only waited for the next start).
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s)[0].State == "Ready", "Ready");
        service.WriteConfiguration("v2.cscfg", echo: "two", cancelChanging: "true");

        var (exitCode, cli) = await service.CliAsync("update-config", "--slot", "production", "--cscfg", "v2.cscfg");
        using (cli)
        {
            Assert.AreEqual(0, exitCode, cli.Output);
            StringAssert.Contains(cli.Output, "LifecycleRole_IN_0: recycled");
        }

        await service.WaitForCountAsync("marker: Echo=two", 1);
        Assert.Contains("marker: Changing Echo cancelled", run.Lines);
    }
}
