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

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task SetConfig_SecretValues_AreMaskedInEveryOutputAndTheDeploymentsCscfgIsPrivate()
    {
        const string Key = "c2VjcmV0LWFjY291bnQta2V5";
        const string Token = "tok-9f8e7d6c5b4a";
        using var service = new EmulatorService();
        var run = await service.StartAsync();
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s)[0].State == "Ready", "Ready");

        var (exitCode, cli) = await service.CliAsync("set-config", "--role", "LifecycleRole", $"ApiToken={Token}", $"TcpEcho=AccountName=a;AccountKey={Key};EndpointSuffix=x");
        var (malformed, malformedCli) = await service.CliAsync("set-config", $"={Token}");
        var (status, statusCli) = await service.CliAsync("status");
        using (cli)
        using (malformedCli)
        using (statusCli)
        {
            Assert.AreEqual(0, exitCode, cli.Output);
            Assert.AreEqual(2, malformed, malformedCli.Output);
            Assert.AreEqual(0, status, statusCli.Output);
            await run.WaitForLineAsync(l => l.StartsWith("LifecycleRole: new settings ", StringComparison.Ordinal), EmulatorService.Timeout);
            Assert.Contains("LifecycleRole: new settings ApiToken=***, TcpEcho=AccountName=a;AccountKey=***;EndpointSuffix=x", run.Lines, run.Output);
            foreach (var output in new[] { cli.Output, malformedCli.Output, statusCli.Output, run.Output })
            {
                Assert.DoesNotContain(Key, output);
                Assert.DoesNotContain(Token, output);
            }
        }

        var cscfg = Directory.GetFiles(Path.Combine(service.StateDirectory, "deployments"), "ServiceConfiguration.cscfg", SearchOption.AllDirectories).Single();
        var mode = File.GetUnixFileMode(cscfg);
        Assert.AreEqual(UnixFileMode.None, mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite), $"{cscfg}: {mode}");
        Assert.AreEqual(UnixFileMode.UserRead, mode & UnixFileMode.UserRead);
    }
}
