using System.Runtime.Versioning;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary>
/// <c>run</c> and <c>host</c> run roles from a package, as the platform runs them from an approot: the package
/// <c>run</c> makes of the build for itself, or one that <c>package</c> made.
/// </summary>
[TestClass]
[UnsupportedOSPlatform("windows")]
public sealed class PackagedRunTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private LifecycleService _service = null!;

    [TestInitialize]
    public void CreateService() => _service = new LifecycleService();

    [TestCleanup]
    public void DeleteService() => _service.Dispose();

    private string Deployments => Path.Combine(_service.StateDirectory, "deployments");

    [TestMethod]
    public async Task Run_PackagesTheBuild_RoleAndStartupTasksRunFromTheApprootWhichGoesWithTheRun()
    {
        _service.Write("run-forever", "30", startupTasks: """<Task commandLine="StartupTasks/where.sh" taskType="simple" />""");
        _service.WriteStartupScript("where.sh", "echo \"where $(pwd)\"");
        using var cli = Start("run");

        await cli.WaitForLineAsync(l => l == "marker: Run", Timeout);

        var package = Directory.GetDirectories(Deployments).Single();
        StringAssert.StartsWith(Path.GetFileName(package), "run-");
        var approot = Path.Combine(package, "roles", "LifecycleRole", "approot");
        CollectionAssert.Contains(cli.Lines.ToList(), $"LifecycleRole_IN_0: [task 1] where {approot}", cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.StartsWith($"Deployment ", StringComparison.Ordinal) && l.Contains($"from package {Path.GetFileName(package)}", StringComparison.Ordinal)), cli.Output);
        Assert.AreEqual(0, (int)(File.GetUnixFileMode(Path.Combine(approot, "LifecycleRole.dll")) & UnixFileMode.UserWrite), "a package is read-only");
        cli.Signal("TERM");
        Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);
        Assert.IsEmpty(Directory.GetDirectories(Deployments), "the run's own package goes when the run ends");
    }

    [TestMethod]
    public async Task Run_PackageFromThePackageVerb_RunsItAndKeepsIt()
    {
        _service.Write("run-forever", "30");
        var id = await PackageAsync();

        using var cli = Start("run", "--package", id);
        await cli.WaitForLineAsync(l => l == "marker: Run", Timeout);
        cli.Signal("TERM");

        Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains($"from package {id}", StringComparison.Ordinal)), cli.Output);
        Assert.IsTrue(File.Exists(Path.Combine(Deployments, id, "roles", "LifecycleRole", "approot", "LifecycleRole.dll")), "a package made by 'package' stays");
    }

    [TestMethod]
    public async Task Run_UnknownPackage_ExitsOneSayingSo()
    {
        _service.Write("run-forever", "30");

        var (exitCode, cli) = await CliProcess.RunAsync(_service.Directory, Timeout, "run", "--package", "nope", "--state-dir", _service.StateDirectory);

        using var _ = cli;
        Assert.AreEqual(1, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.StartsWith("error: no package 'nope'", StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task Run_PackageOfAKilledRun_IsRemovedByTheNextRun()
    {
        _service.Write("run-forever", "30");
        var abandoned = Directory.CreateDirectory(Path.Combine(Deployments, "run-20260101-000000-abcdef"));
        File.WriteAllText(Path.Combine(abandoned.FullName, "deployment.json"), """{"id":"run-20260101-000000-abcdef","ownerProcessId":999999999,"roles":[]}""");

        using var cli = Start("run");
        await cli.WaitForLineAsync(l => l == "marker: Run", Timeout);

        Assert.IsFalse(Directory.Exists(abandoned.FullName), "the killed run's package is gone");
        Assert.HasCount(1, Directory.GetDirectories(Deployments));
        cli.Signal("TERM");
        Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);
    }

    [TestMethod]
    public async Task Host_Package_RunsTheRoleAndItsStartupTasksFromTheApproot()
    {
        _service.Write("run-returns", "30", startupTasks: """<Task commandLine="StartupTasks/where.sh" taskType="simple" />""");
        _service.WriteStartupScript("where.sh", "echo \"where $(pwd)\"");
        var id = await PackageAsync();

        var (exitCode, cli) = await CliProcess.RunAsync(
            _service.Directory, Timeout, "host", "--role", "LifecycleRole", "--package", id, "--state-dir", _service.StateDirectory);

        using var _ = cli;
        Assert.AreEqual(10, exitCode, cli.Output);
        var lines = cli.Lines.ToList();
        var task = lines.IndexOf($"LifecycleRole_IN_0: [task 1] where {Path.Combine(Deployments, id, "roles", "LifecycleRole", "approot")}");
        Assert.IsTrue(task >= 0 && task < lines.FindIndex(l => l.StartsWith("marker: OnStart", StringComparison.Ordinal)), "the task ran first, in the approot: " + cli.Output);
    }

    [TestMethod]
    public async Task Host_SimpleStartupTaskFails_RoleDoesNotStartAndExitCodeSaysSo()
    {
        _service.Write("run-forever", "30", startupTasks: """<Task commandLine="StartupTasks/fail.sh" taskType="simple" />""");
        _service.WriteStartupScript("fail.sh", "echo 'no disk' >&2\nexit 4");

        var (exitCode, cli) = await CliProcess.RunAsync(
            _service.Directory, Timeout, "host", "--role", "LifecycleRole", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", _service.StateDirectory);

        using var _ = cli;
        Assert.AreEqual(70, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains("startup task 1 (StartupTasks/fail.sh) exited with code 4; the instance does not start", StringComparison.Ordinal)), cli.Output);
        CollectionAssert.Contains(cli.Lines.ToList(), "LifecycleRole_IN_0:     no disk", cli.Output);
        Assert.IsFalse(cli.Lines.Any(l => l.StartsWith("marker: OnStart", StringComparison.Ordinal)), cli.Output);
    }

    private CliProcess Start(params string[] arguments) =>
        CliProcess.Start(_service.Directory, [.. arguments, .. arguments.Contains("--package") ? Array.Empty<string>() : ["--cscfg", "ServiceConfiguration.cscfg"], "--state-dir", _service.StateDirectory]);

    /// <summary><c>package --from-build</c> of the test service; returns the package's id.</summary>
    private async Task<string> PackageAsync()
    {
        var (exitCode, cli) = await CliProcess.RunAsync(
            _service.Directory, Timeout, "package", "--from-build", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", _service.StateDirectory);
        using var _ = cli;
        Assert.AreEqual(0, exitCode, cli.Output);
        var line = cli.Lines.Single(l => l.StartsWith("package: deployment ", StringComparison.Ordinal));
        return line.Split(' ')[2];
    }
}
