using BackgroundRoles.Cli.Tests.Support;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary><c>cloudservice set-config</c>: live settings through the control channel, Changing then Changed, or a recycle.</summary>
[TestClass]
public sealed class SetConfigCommandTests
{
    [TestMethod]
    public async Task SetConfig_DeclaredSettings_RaisesChangingThenChangedAndStatusCheckFollows()
    {
        using var service = new EmulatorService();
        var run = await service.StartAsync();
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s)[0].State == "Ready", "Ready");

        var (exitCode, cli) = await service.CliAsync("set-config", "--role", "LifecycleRole", "Echo=two", "Busy=true");
        using (cli)
        {
            Assert.AreEqual(0, exitCode, cli.Output);
            StringAssert.Contains(cli.Output, "LifecycleRole_IN_0: applied");
        }

        var lines = run.Lines.ToList();
        var changing = lines.IndexOf("marker: Changing Busy,Echo");
        var changed = lines.IndexOf("marker: Changed Busy,Echo Echo=two");
        Assert.IsTrue(changing >= 0 && changed > changing, run.Output);
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s)[0].State == "Busy", "Busy after StatusCheck");

        var (undeclared, undeclaredCli) = await service.CliAsync("set-config", "Nope=1");
        var (malformed, malformedCli) = await service.CliAsync("set-config", "Echo");
        using (undeclaredCli)
        using (malformedCli)
        {
            Assert.AreEqual(1, undeclared, undeclaredCli.Output);
            StringAssert.Contains(undeclaredCli.Output, "no role declares the setting 'Nope'");
            Assert.AreEqual(2, malformed, malformedCli.Output);
        }
    }

    [TestMethod]
    public async Task SetConfig_ChangingCancelled_RecyclesTheInstanceWithTheNewValues()
    {
        using var service = new EmulatorService(cancelChanging: "true");
        var run = await service.StartAsync();
        await service.WaitForCountAsync("marker: Run", 1);

        var (exitCode, cli) = await service.CliAsync("set-config", "Echo=three");
        using (cli)
        {
            Assert.AreEqual(0, exitCode, cli.Output);
            StringAssert.Contains(cli.Output, "LifecycleRole_IN_0: recycled");
        }

        await service.WaitForCountAsync("marker: Echo=three", 1);
        Assert.Contains("marker: Changing Echo cancelled", run.Lines);
        Assert.DoesNotContain("marker: Changed Echo Echo=three", run.Lines);
        Assert.Contains("marker: env ECHO_ENV=three", run.Lines, "the RoleInstanceValue of the setting follows it: " + run.Output);
    }
}
