using BackgroundRoles.Compat.Tests.Support;

namespace BackgroundRoles.Compat.Tests.Roles;

/// <summary>
/// ClassicRole, a worker role written for the Cloud Services SDK and built unchanged against the compat assembly, as a
/// real process under the real CLI: Trace output in the instance's log, and the classic change events under run.
/// </summary>
[TestClass]
public sealed class ClassicRoleProcessTests
{
    [TestMethod]
    public async Task Host_ClassicRole_TraceAndDiagnosticsReachTheInstanceLog()
    {
        using var service = new ClassicService();
        using var host = service.Host();
        await service.WaitForLogLineAsync("ClassicRole is running", host);

        host.Signal("TERM");
        var exitCode = await host.WaitForExitAsync(ClassicService.Timeout);

        Assert.AreEqual(0, exitCode, host.Output);
        var log = service.LogLines();
        var all = string.Join(Environment.NewLine, log);
        string[] inOrder =
        [
            "DiagnosticMonitor started (storage setting Microsoft.WindowsAzure.Plugins.Diagnostics.ConnectionString: set)",
            "scheduled transfer to storage (Logs every 00:01:00, Directories every 00:05:00) is not done here; the data stays in this instance's log and folders",
            "Windows event logs (Application!*) are not collected: they exist on Windows only",
            "Trace: Information: Greeting is hello, app.config says from-app-config",
            $"Microsoft.WindowsAzure.ServiceRuntime: TraceSource: {ClassicService.InstanceId} of ClassicRole in 1 role(s)",
            $"ClassicRole: Instance {ClassicService.InstanceId} of ClassicRole in update domain 0 []",
            "ClassicRole: Microsoft.Azure.CloudConfigurationManager says hello",
            "ClassicRole: ClassicRole has been started",
            "ClassicRole: ClassicRole is running",
            "ClassicRole: Working",
            $"ClassicRole: Stopping event for {ClassicService.InstanceId}",
            "ClassicRole: ClassicRole is stopping",
            "ClassicRole: ClassicRole has stopped",
        ];
        var positions = inOrder.Select(text => log.ToList().FindIndex(l => l.Contains(" INFO ", StringComparison.Ordinal) && l.Contains(text, StringComparison.Ordinal))).ToList();
        Assert.IsTrue(positions.All(p => p >= 0), $"every line is in the log at INFO: {string.Join(", ", positions)}{Environment.NewLine}{all}");
        CollectionAssert.AreEqual(positions.Order().ToList(), positions, all);
        Assert.IsTrue(log.Any(l => l.Contains(" WARN ", StringComparison.Ordinal) && l.EndsWith("ClassicRole: NotDeclared is not declared; using the default", StringComparison.Ordinal)), all);
        Assert.IsTrue(log.Any(l => l.Contains("CustomLogs", StringComparison.Ordinal) && l.Contains("(container wad-custom-logs, quota 10 MB) is kept in place", StringComparison.Ordinal)), all);
        Assert.IsFalse(all.Contains("AccountKey", StringComparison.Ordinal) || all.Contains(ClassicService.DiagnosticsAccountName, StringComparison.Ordinal), "the connection string is never logged");
        // The template's app.config has a <system.diagnostics> section; log4net reads appSettings through
        // System.Configuration, whose 4.x release rejected the section and printed a stack trace at every start.
        Assert.IsFalse(host.Output.Contains("log4net:ERROR", StringComparison.Ordinal), host.Output);
    }

    [TestMethod]
    public async Task Run_SetConfig_RaisesClassicChangingThenChangedWithTheSettingChange()
    {
        using var service = new ClassicService();
        using var run = service.Run();
        await service.WaitForLogLineAsync("ClassicRole is running", run);

        var (exitCode, cli) = await service.CliAsync("set-config", "--role", "ClassicRole", "Greeting=bonjour");
        using (cli)
        {
            Assert.AreEqual(0, exitCode, cli.Output);
            StringAssert.Contains(cli.Output, $"{ClassicService.InstanceId}: applied");
        }

        var changing = await service.WaitForLogLineAsync("ClassicRole: Changing: setting Greeting", run);
        var changed = await service.WaitForLogLineAsync("ClassicRole: Changed: setting Greeting is now bonjour", run);
        Assert.IsLessThan(changed, changing, "Changing before Changed");

        var (stopCode, stop) = await service.CliAsync("stop");
        using (stop)
        {
            Assert.AreEqual(0, stopCode, stop.Output);
        }

        Assert.AreEqual(0, await run.WaitForExitAsync(ClassicService.Timeout), run.Output);
        await service.WaitForLogLineAsync("ClassicRole: ClassicRole has stopped", run);
    }
}
