using BackgroundRoles.Cli.Tests.Support;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary><c>cloudservice recycle</c>: Stopping and OnStop, then the instance starts again at once.</summary>
[TestClass]
public sealed class RecycleCommandTests
{
    [TestMethod]
    public async Task Recycle_RunningInstance_StopsItAndStartsItAgainUnknownOneRefused()
    {
        using var service = new EmulatorService();
        var run = await service.StartAsync();

        // Ready as the fabric sees it: before its channel is attached, a recycle can only be a SIGTERM (exit 0).
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s)[0].State == "Ready", "Ready");
        await service.WaitForCountAsync("marker: Run", 1);

        var (exitCode, cli) = await service.CliAsync("recycle", "LifecycleRole_IN_0");
        using (cli)
        {
            Assert.AreEqual(0, exitCode, cli.Output);
        }

        await service.WaitForCountAsync("marker: Run", 2);
        var status = await service.WaitForStatusAsync(s => EmulatorService.Instances(s)[0].State == "Ready", "Ready again");
        Assert.AreEqual(1, status.GetProperty("roles")[0].GetProperty("instances")[0].GetProperty("restarts").GetInt32());
        Assert.AreEqual(1, run.Lines.Count(l => l == "marker: OnStop done"), run.Output);
        Assert.IsTrue(run.Lines.Any(l => l.StartsWith("LifecycleRole_IN_0: exited with code 10", StringComparison.Ordinal)), run.Output);

        var (unknown, unknownCli) = await service.CliAsync("recycle", "LifecycleRole_IN_7");
        using (unknownCli)
        {
            Assert.AreEqual(1, unknown, unknownCli.Output);
            StringAssert.Contains(unknownCli.Output, "no running instance");
        }
    }
}
