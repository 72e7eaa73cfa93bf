using BackgroundRoles.Cli.Tests.Support;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary><c>cloudservice stop</c>: the emulator drains every instance and exits 0.</summary>
[TestClass]
public sealed class StopCommandTests
{
    [TestMethod]
    public async Task Stop_RunningEmulator_DrainsEveryInstanceAndRunExitsZero()
    {
        using var service = new EmulatorService(instances: 2);
        var run = await service.StartAsync();
        await service.WaitForCountAsync("marker: Run", 2);

        var (exitCode, cli) = await service.CliAsync("stop");

        using (cli)
        {
            Assert.AreEqual(0, exitCode, cli.Output);
            StringAssert.Contains(cli.Output, "stopped in");
        }

        Assert.AreEqual(0, await run.WaitForExitAsync(EmulatorService.Timeout), run.Output);
        Assert.AreEqual(2, run.Lines.Count(l => l == "marker: OnStop done"), run.Output);
        Assert.IsFalse(File.Exists(Path.Combine(service.StateDirectory, "control.json")), "control.json is removed");
    }
}
