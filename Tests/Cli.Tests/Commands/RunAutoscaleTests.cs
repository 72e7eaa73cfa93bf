using System.Text.Json;
using BackgroundRoles.Cli.Tests.Support;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Inspection;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary>
/// <c>run</c> applying <c>ServiceConfiguration.Autoscale.json</c>: real role processes, a real queue in the class's own
/// Azurite, the decisions read from run's output and the rule's view from <c>status --json</c>.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class RunAutoscaleTests
{
    private const string Queue = "orders";

    [ClassInitialize]
    public static Task StartAzurite(TestContext context)
    {
        _ = context;
        return TestAzurite.StartAsync();
    }

    [ClassCleanup]
    public static Task StopAzurite() => TestAzurite.StopAsync();

    [TestMethod]
    public async Task Run_HundredMessagesThenEmptyQueue_ScalesToMaxByStepsThenBackToMinAfterCooldown()
    {
        using var service = new EmulatorService(instances: 1);
        WithStorageSetting(service);
        File.WriteAllText(Path.Combine(service.Directory, "ServiceConfiguration.Autoscale.json"), $$"""
            { "roles": { "LifecycleRole": {
                "minInstances": 1, "maxInstances": 5,
                "queues": [ { "name": "{{Queue}}", "messagesPerInstance": 20 } ],
                "scaleOutStep": 2, "scaleInStep": 4, "scaleOutCooldown": "00:00:01", "scaleInCooldown": "00:00:03" } } }
            """);
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        for (var i = 0; i < 100; i++)
        {
            await storage.Jobs.SubmitAsync(Queue, "noop", "{}", null, CancellationToken.None);
        }

        var run = await service.StartAsync();

        await run.WaitForLineAsync(l => l == "autoscale: LifecycleRole 1 -> 3 (orders: 100 messages / 20 per instance = 5, step 2)", Timeout);
        await run.WaitForLineAsync(l => l == "autoscale: LifecycleRole 3 -> 5 (orders: 100 messages / 20 per instance = 5)", Timeout);
        var full = await service.WaitForStatusAsync(s => EmulatorService.Instances(s).Count(i => i.State == "Ready") == 5, "five Ready instances");
        var view = Role(full).GetProperty("autoscale");
        Assert.AreEqual(5, view.GetProperty("desired").GetInt32(), view.ToString());
        Assert.AreEqual(100, view.GetProperty("queues")[0].GetProperty("length").GetInt32(), view.ToString());

        await new QueueInspector(storage).DeleteAllAsync(Queue, CancellationToken.None);
        var emptied = DateTime.UtcNow;
        await run.WaitForLineAsync(l => l == "autoscale: LifecycleRole 5 -> 1 (orders: 0 messages / 20 per instance = 0, min 1)", Timeout);
        Assert.IsTrue(DateTime.UtcNow - emptied >= TimeSpan.FromSeconds(3), "scaled in before the 3 s cool-down: " + run.Output);

        var back = await service.WaitForStatusAsync(s => EmulatorService.Instances(s).Count == 1, "one instance left");
        var after = Role(back);
        Assert.AreEqual(1, after.GetProperty("instanceCount").GetInt32());
        Assert.AreEqual(1, after.GetProperty("autoscale").GetProperty("desired").GetInt32(), after.ToString());
        Assert.AreEqual(3, run.Lines.Count(l => l.StartsWith("autoscale: LifecycleRole ", StringComparison.Ordinal) && l.Contains(" -> ", StringComparison.Ordinal)), run.Output);

        var (exitCode, text) = await service.CliAsync("status");
        using (text)
        {
            Assert.AreEqual(0, exitCode, text.Output);
            StringAssert.Contains(text.Output, "autoscale 1 to 5: orders 0; desired 1");
            StringAssert.Contains(text.Output, "last change 5 -> 1");
        }
    }

    [TestMethod]
    public async Task Run_ScaleRefusedWhileAnUpgradeHoldsTheLock_IsTriedAgainAndAppliedOnceTheLockIsFree()
    {
        const string queue = "refused-orders";
        using var service = new EmulatorService(instances: 2);
        WithStorageSetting(service);
        service.WriteConfiguration("v2.cscfg", instances: 2, echo: "two",
            extraSetting: $"""<Setting name="StorageConnectionString" value="{TestAzurite.ConnectionString}" />""");
        File.WriteAllText(Path.Combine(service.Directory, "ServiceConfiguration.Autoscale.json"), $$"""
            { "roles": { "LifecycleRole": {
                "minInstances": 2, "maxInstances": 4,
                "queues": [ { "name": "{{queue}}", "messagesPerInstance": 10 } ],
                "scaleOutStep": 2, "scaleOutCooldown": "00:10:00" } } }
            """);

        // The long cool-down makes the retry show that a refusal leaves the memory alone: had the refused step counted
        // as a scale-out, the next one would wait 10 minutes.
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        await new QueueInspector(storage).DeleteAllAsync(queue, CancellationToken.None);
        var run = await service.StartAsync();

        // A manual upgrade waiting for walk-ud holds the deployment's operation lock; only then does the demand come.
        var (upgradeExit, upgrade) = await service.CliAsync("upgrade", "--slot", "production", "--cscfg", "v2.cscfg", "--mode", "manual");
        using (upgrade)
        {
            Assert.AreEqual(0, upgradeExit, upgrade.Output);
            StringAssert.Contains(upgrade.Output, "Waiting for 'cloudservice walk-ud --slot production'");
        }

        for (var i = 0; i < 40; i++)
        {
            await storage.Jobs.SubmitAsync(queue, "noop", "{}", null, CancellationToken.None);
        }

        const string change = "2 -> 4 (refused-orders: 40 messages / 10 per instance = 4)";
        await run.WaitForLineAsync(l => l.StartsWith($"autoscale: LifecycleRole: {change} refused, tried again next round: ", StringComparison.Ordinal), Timeout);
        var refused = await service.StatusAsync();
        Assert.AreEqual(2, Role(refused).GetProperty("instanceCount").GetInt32(), refused.ToString());
        StringAssert.Contains(Role(refused).GetProperty("autoscale").GetProperty("error").GetString(), "upgrade --slot production", refused.ToString());

        var (walkExit, walk) = await service.CliAsync("walk-ud", "--slot", "production");
        using (walk)
        {
            Assert.AreEqual(0, walkExit, walk.Output);
        }

        await run.WaitForLineAsync(l => l == $"autoscale: LifecycleRole {change}", Timeout);
        var scaled = await service.WaitForStatusAsync(s => EmulatorService.Instances(s).Count(i => i.State == "Ready") == 4, "four Ready instances");
        Assert.AreEqual(4, Role(scaled).GetProperty("instanceCount").GetInt32(), scaled.ToString());
        Assert.AreEqual("2 -> 4 (refused-orders: 40 messages / 10 per instance = 4)", Role(scaled).GetProperty("autoscale").GetProperty("lastChange").GetString(), scaled.ToString());
        Assert.AreEqual(1, run.Lines.Count(l => l.StartsWith("autoscale: LifecycleRole ", StringComparison.Ordinal) && l.Contains(" -> ", StringComparison.Ordinal)), run.Output);
    }

    [TestMethod]
    public async Task Run_InvalidRules_FailsWithTheFieldAndStartsNothing()
    {
        using var service = new EmulatorService(instances: 1);
        WithStorageSetting(service);
        File.WriteAllText(Path.Combine(service.Directory, "ServiceConfiguration.Autoscale.json"), """
            { "roles": { "LifecycleRole": { "minInstances": 1, "maxInstances": 5, "queues": [ { "name": "orders", "messagesPerInstance": 0 } ] } } }
            """);

        var (exitCode, cli) = await CliProcess.RunAsync(service.Directory, Timeout, "run", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", service.StateDirectory);
        using (cli)
        {
            Assert.AreEqual(1, exitCode, cli.Output);
            StringAssert.Contains(cli.Output, "roles.LifecycleRole.queues[0].messagesPerInstance");
            StringAssert.Contains(cli.Output, "--no-autoscale");
            Assert.IsFalse(cli.Output.Contains("Control API at", StringComparison.Ordinal), cli.Output);
            Assert.IsFalse(cli.Output.Contains("   at ", StringComparison.Ordinal), "no stack trace: " + cli.Output);
        }
    }

    [TestMethod]
    public async Task Run_NoAutoscale_KeepsTheCscfgCountAndIgnoresTheRules()
    {
        using var service = new EmulatorService(instances: 1);
        WithStorageSetting(service);
        File.WriteAllText(Path.Combine(service.Directory, "ServiceConfiguration.Autoscale.json"), """
            { "roles": { "LifecycleRole": { "minInstances": 2, "maxInstances": 0 } } }
            """);

        using var run = CliProcess.Start(service.Directory, "run", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", service.StateDirectory, "--no-autoscale");
        await run.WaitForLineAsync(l => l.StartsWith("Control API at ", StringComparison.Ordinal), Timeout);
        await run.WaitForLineAsync(l => l == "marker: Run", Timeout);
        var status = await service.StatusAsync();

        run.Signal("TERM");
        Assert.AreEqual(0, await run.WaitForExitAsync(Timeout), run.Output);
        Assert.AreEqual(1, Role(status).GetProperty("instanceCount").GetInt32(), status.ToString());
        Assert.IsFalse(Role(status).TryGetProperty("autoscale", out _), status.ToString());
        Assert.IsFalse(run.Lines.Any(l => l.StartsWith("autoscale:", StringComparison.Ordinal)), run.Output);
    }

    private static TimeSpan Timeout => EmulatorService.Timeout;

    private static JsonElement Role(JsonElement status) => status.GetProperty("roles")[0];

    /// <summary>Declares StorageConnectionString for the role, valued with the test Azurite's account.</summary>
    private static void WithStorageSetting(EmulatorService service)
    {
        var csdef = Path.Combine(service.Directory, "ServiceDefinition.csdef");
        File.WriteAllText(csdef, File.ReadAllText(csdef).Replace("""<Setting name="Freeze" />""", """<Setting name="Freeze" /><Setting name="StorageConnectionString" />""", StringComparison.Ordinal));
        var cscfg = Path.Combine(service.Directory, "ServiceConfiguration.cscfg");
        File.WriteAllText(cscfg, File.ReadAllText(cscfg).Replace(
            "</ConfigurationSettings>", $"""<Setting name="StorageConnectionString" value="{TestAzurite.ConnectionString}" /></ConfigurationSettings>""", StringComparison.Ordinal));
    }
}
