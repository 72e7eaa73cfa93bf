using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary><c>cloudservice run</c>: every instance as its own process, restarted when it exits, stopped together.</summary>
[TestClass]
public sealed partial class RunCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [TestMethod]
    public async Task Run_TwoInstances_StartsBothAndStopsBothOnSigterm()
    {
        using var service = new LifecycleService();
        service.Write("run-forever", "30", instances: 2);
        using var cli = Start(service);

        await cli.WaitForLineAsync(l => l == "marker: OnStart LifecycleRole_IN_0 LifecycleRole_IN_0", Timeout);
        await cli.WaitForLineAsync(l => l == "marker: OnStart LifecycleRole_IN_1 LifecycleRole_IN_1", Timeout);
        await WaitForCountAsync(cli, "marker: Run", 2);
        cli.Signal("TERM");

        Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);
        Assert.AreEqual(2, cli.Lines.Count(l => l == "marker: OnStop done"), cli.Output);
        CollectionAssert.Contains(cli.Lines.ToList(), "All instances stopped.");
    }

    [TestMethod]
    public async Task Run_TwoRunsInOneStateFolder_AreEmulatedWithTheEmulatorsDeploymentIds()
    {
        using var service = new LifecycleService();
        service.Write("run-forever", "30");
        foreach (var expected in new[] { "deployment16(1)", "deployment16(2)" })
        {
            using var cli = Start(service);
            await cli.WaitForLineAsync(l => l.StartsWith("marker: LifecycleRole_IN_0 Deployment ", StringComparison.Ordinal), Timeout);
            cli.Signal("TERM");

            Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);
            CollectionAssert.Contains(cli.Lines.ToList(), $"marker: LifecycleRole_IN_0 Deployment {expected} emulated=True", cli.Output);
            Assert.IsTrue(cli.Lines.Any(l => l.StartsWith($"Deployment {expected} of LifecycleService", StringComparison.Ordinal)), cli.Output);
        }
    }

    [TestMethod]
    public async Task Run_InstanceRecycles_IsStartedAgain()
    {
        using var service = new LifecycleService();
        service.Write("run-returns", "30");
        using var cli = Start(service);

        await WaitForCountAsync(cli, "marker: Run", 2);
        cli.Signal("TERM");

        Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.StartsWith("LifecycleRole_IN_0: exited with code 10", StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task Run_CrashLoop_RestartDelaysGrow()
    {
        using var service = new LifecycleService();
        service.Write("run-throws", "30");
        using var cli = Start(service);

        await WaitForCountAsync(cli, "marker: Run", 3);
        cli.Signal("TERM");
        Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);

        var delays = cli.Lines
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^LifecycleRole_IN_0: exited with code 3 .*starting again in (?<s>[\d.]+) s$"))
            .Where(m => m.Success)
            .Select(m => double.Parse(m.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.IsGreaterThanOrEqualTo(2, delays.Count, cli.Output);
        Assert.IsGreaterThan(delays[0] * 1.5, delays[1], cli.Output);
    }

    [TestMethod]
    public async Task Run_SecondSigterm_EndsTheInstancesAtOnce()
    {
        using var service = new LifecycleService();
        service.Write("slow-onstop", "60");
        using var cli = Start(service);
        await WaitForCountAsync(cli, "marker: Run", 1);

        cli.Signal("TERM");
        await cli.WaitForLineAsync(l => l == "marker: OnStop", Timeout);
        cli.Signal("TERM");

        Assert.AreEqual(0, await cli.WaitForExitAsync(TimeSpan.FromSeconds(20)), cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l == "LifecycleRole_IN_0: ending it now"), cli.Output);
    }

    private static CliProcess Start(LifecycleService service) =>
        CliProcess.Start(service.Directory, "run", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", service.StateDirectory);

    private static async Task WaitForCountAsync(CliProcess cli, string line, int count)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (cli.Lines.Count(l => l == line) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fewer than {count} '{line}' lines: " + cli.Output);
            }

            await Task.Delay(50);
        }
    }
}
