using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary>
/// The role host lifecycle through the real CLI and a real role process (LifecycleRole), as on the platform:
/// OnStart, Run, then Stopping and OnStop on a stop or a recycle; exceptions skip Stopping and OnStop.
/// </summary>
[TestClass]
public sealed class HostCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private LifecycleService _service = null!;

    [TestInitialize]
    public void CreateService() => _service = new LifecycleService();

    [TestCleanup]
    public void DeleteService() => _service.Dispose();

    [TestMethod]
    public async Task Host_RunReturns_StopsAndExitsWithRecycleCode()
    {
        var (exitCode, cli) = await RunAsync("run-returns");

        Assert.AreEqual(10, exitCode, cli.Output);
        AssertInOrder(cli, "marker: Run", "marker: Stopping", "marker: OnStop done");
    }

    [TestMethod]
    public async Task Host_RequestRecycle_StopsAndExitsWithRecycleCode()
    {
        var (exitCode, cli) = await RunAsync("request-recycle");

        Assert.AreEqual(10, exitCode, cli.Output);
        AssertInOrder(cli, "marker: Run", "marker: Stopping", "marker: OnStop done");
    }

    [TestMethod]
    [DataRow("TERM")]
    [DataRow("INT")]
    [DataRow("QUIT")]
    public async Task Host_Signal_RunsStoppingThenOnStopAndExitsZero(string signal)
    {
        using var cli = Start("run-forever");
        await cli.WaitForLineAsync(l => l == "marker: Run", Timeout);

        cli.Signal(signal);
        var exitCode = await cli.WaitForExitAsync(Timeout);

        Assert.AreEqual(0, exitCode, cli.Output);
        AssertInOrder(cli, "marker: Run", "marker: Stopping", "marker: OnStop", "marker: OnStop done");
    }

    [TestMethod]
    public async Task Host_OnStopPastBudget_ProcessEndedWithBudgetExceededCode()
    {
        using var cli = Start("slow-onstop", stopBudget: "1");
        await cli.WaitForLineAsync(l => l == "marker: Run", Timeout);

        cli.Signal("TERM");
        var exitCode = await cli.WaitForExitAsync(Timeout);

        Assert.AreEqual(4, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains("did not finish within the stop budget of 1 s", StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task Host_OnStartThrows_ExitsWithoutStoppingOrOnStop()
    {
        var (exitCode, cli) = await RunAsync("onstart-throws");

        Assert.AreEqual(3, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains("OnStart failed on purpose", StringComparison.Ordinal)), cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)), "the stack is logged: " + cli.Output);
        AssertNoStop(cli);
    }

    [TestMethod]
    public async Task Host_RunThrows_ExitsWithoutStoppingOrOnStop()
    {
        var (exitCode, cli) = await RunAsync("run-throws");

        Assert.AreEqual(3, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains("Run failed on purpose", StringComparison.Ordinal)), cli.Output);
        AssertNoStop(cli);
    }

    [TestMethod]
    public async Task Host_OnStartReturnsFalse_ExitsNonZeroWithoutRun()
    {
        var (exitCode, cli) = await RunAsync("onstart-false");

        Assert.AreEqual(2, exitCode, cli.Output);
        Assert.IsFalse(cli.Lines.Contains("marker: Run"), cli.Output);
    }

    [TestMethod]
    public async Task Host_InstanceOption_GivesInstanceIdToRoleAndRoleInstanceValue()
    {
        var (exitCode, cli) = await RunAsync("run-returns", "--instance", "3");

        Assert.AreEqual(10, exitCode, cli.Output);
        CollectionAssert.Contains(cli.Lines.ToList(), "marker: OnStart LifecycleRole_IN_3 LifecycleRole_IN_3");
    }

    [TestMethod]
    public async Task Host_OutsideTheEmulator_IsNotEmulatedAndHasAHexDeploymentId()
    {
        var (exitCode, cli) = await RunAsync("run-returns");

        Assert.AreEqual(10, exitCode, cli.Output);
        var line = cli.Lines.Single(l => l.StartsWith("marker: LifecycleRole_IN_0 Deployment ", StringComparison.Ordinal));
        Assert.IsTrue(System.Text.RegularExpressions.Regex.IsMatch(line, "^marker: LifecycleRole_IN_0 Deployment [0-9a-f]{32} emulated=False$"), line);
    }

    [TestMethod]
    public async Task Host_OrchestratorEnvironment_OverridesInstanceIdCountAndSettings()
    {
        _service.Write("run-returns", "00:00:30");
        var environment = new Dictionary<string, string>
        {
            ["BACKGROUNDROLES_INSTANCE_ID"] = "lifecycle-7d9f8-x2v4q",
            ["BACKGROUNDROLES_INSTANCE_COUNT"] = "3",
            ["BACKGROUNDROLES_SETTING_Echo"] = "from-configmap",
        };

        using var cli = CliProcess.Start(_service.Directory, environment, "host", "--role", "LifecycleRole", "--csdef", "ServiceDefinition.csdef", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", _service.StateDirectory);
        var exitCode = await cli.WaitForExitAsync(Timeout);

        Assert.AreEqual(10, exitCode, cli.Output);
        CollectionAssert.Contains(cli.Lines.ToList(), "marker: Echo=from-configmap", "the environment wins over the cscfg's 'one'");
        CollectionAssert.Contains(cli.Lines.ToList(), "marker: lifecycle-7d9f8-x2v4q Roles LifecycleRole=lifecycle-7d9f8-x2v4q,LifecycleRole_IN_1,LifecycleRole_IN_2");
    }

    [TestMethod]
    public async Task Host_BadOrchestratorVariable_ExitsSeventyNamingIt()
    {
        _service.Write("run-returns", "00:00:30");

        using var cli = CliProcess.Start(_service.Directory, new Dictionary<string, string> { ["BACKGROUNDROLES_INSTANCE_COUNT"] = "zero" }, "host", "--role", "LifecycleRole", "--csdef", "ServiceDefinition.csdef", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", _service.StateDirectory);
        var exitCode = await cli.WaitForExitAsync(Timeout);

        Assert.AreEqual(70, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains("error: BACKGROUNDROLES_INSTANCE_COUNT='zero' is not an instance count", StringComparison.Ordinal)), cli.Output);
        Assert.IsFalse(cli.Lines.Any(l => l.Contains("   at ", StringComparison.Ordinal)), "no stack trace: " + cli.Output);
    }

    [TestMethod]
    public async Task Host_UnknownRole_ExitsOneNamingTheRoles()
    {
        var (exitCode, cli) = await RunAsync("run-returns", "--role", "Nope");

        Assert.AreEqual(1, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains("no role 'Nope'", StringComparison.Ordinal) && l.Contains("LifecycleRole", StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task Host_MissingRoleOption_ExitsWithUsageCode()
    {
        var (exitCode, cli) = await CliProcess.RunAsync(_service.Directory, Timeout, "host");

        Assert.AreEqual(2, exitCode, cli.Output);
    }

    private CliProcess Start(string behavior, string stopBudget = "30", params string[] extra)
    {
        _service.Write(behavior, stopBudget);
        string[] arguments = ["host", "--role", "LifecycleRole", "--csdef", "ServiceDefinition.csdef", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", _service.StateDirectory];
        if (extra.Length > 0 && extra[0] == "--role")
        {
            arguments[2] = extra[1];
            extra = extra[2..];
        }

        return CliProcess.Start(_service.Directory, [.. arguments, .. extra]);
    }

    private async Task<(int ExitCode, CliProcess Cli)> RunAsync(string behavior, params string[] extra)
    {
        var cli = Start(behavior, extra: extra);
        var exitCode = await cli.WaitForExitAsync(Timeout);
        return (exitCode, cli);
    }

    private static void AssertInOrder(CliProcess cli, params string[] markers)
    {
        var lines = cli.Lines.ToList();
        var positions = markers.Select(m => lines.IndexOf(m)).ToList();
        Assert.IsTrue(positions.All(p => p >= 0), "every marker appears: " + cli.Output);
        CollectionAssert.AreEqual(positions.Order().ToList(), positions, "markers in order: " + cli.Output);
    }

    private static void AssertNoStop(CliProcess cli)
    {
        Assert.IsFalse(cli.Lines.Contains("marker: Stopping"), cli.Output);
        Assert.IsFalse(cli.Lines.Contains("marker: OnStop"), cli.Output);
    }
}
