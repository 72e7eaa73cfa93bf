using System.Text.Json;
using BackgroundRoles.Tests;

namespace BackgroundRoles.WorkerRole.Tests;

/// <summary>The real WorkerRole, hosted by the real CLI as its own process, with the repository's csdef.</summary>
[TestClass]
public sealed class WorkerRoleProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [TestMethod]
    public async Task Host_Started_WritesHealthSnapshotAndDrainsOnSigterm()
    {
        using var service = new ServiceCopy(Storage());
        using var cli = service.Host("WorkerRole");
        var healthFile = Path.Combine(service.LocalResource("WorkerRole_IN_0", "Health"), "health.json");

        using var snapshot = await WaitForHealthAsync(healthFile, cli);
        var tasks = snapshot.RootElement.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("state").GetString());
        Assert.AreEqual("WorkerRole_IN_0", snapshot.RootElement.GetProperty("instanceId").GetString());
        Assert.AreEqual("Running", tasks["health-report"]);
        Assert.IsTrue(tasks.ContainsKey("janitor"), cli.Output);
        Assert.IsTrue(tasks.ContainsKey("job-cleanup"), "the nightly cleanup, scheduled from Schedules.Cleanup: " + cli.Output);
        Assert.IsTrue(tasks.ContainsKey("due-jobs"), "the due-jobs mover, scheduled from Schedules.DueJobs: " + cli.Output);
        Assert.IsTrue(tasks.ContainsKey("blob-trigger-thumbnails-inbox"), "the thumbnails inbox trigger: " + cli.Output);
        Assert.IsTrue(tasks.ContainsKey("callback-sweep"), "the webhook callbacks' sweep, since the worker's queues deliver callbacks: " + cli.Output);
        Assert.AreEqual(0, snapshot.RootElement.GetProperty("singletons").GetArrayLength(), "the worker declares no singleton");

        cli.Signal("TERM");
        Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains("Drained: 8 tasks finished, 0 did not", StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task Host_FreezeTrue_StartsNoTaskAndStaysUpUntilStopped()
    {
        using var service = new ServiceCopy(Storage(("Freeze", "true")));
        using var cli = service.Host("WorkerRole");

        await cli.WaitForLineAsync(l => l.Contains("Supervisor frozen", StringComparison.Ordinal), Timeout);
        await cli.WaitForLineAsync(l => l.Contains("Run entered", StringComparison.Ordinal), Timeout);
        cli.Signal("TERM");

        Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), "Run parked until the stop, then a clean stop: " + cli.Output);
        Assert.IsFalse(File.Exists(Path.Combine(service.LocalResource("WorkerRole_IN_0", "Health"), "health.json")), "no task ran");
    }

    [TestMethod]
    public async Task Host_InvalidSetting_OnStartFailsNamingTheSetting()
    {
        using var service = new ServiceCopy(Storage(("Janitor.Interval", "soon")));
        using var cli = service.Host("WorkerRole");

        Assert.AreEqual(2, await cli.WaitForExitAsync(Timeout), cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains("'Janitor.Interval'", StringComparison.Ordinal) && l.Contains("soon", StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task Host_CleanupScheduleNotCron_OnStartFailsNamingTheSetting()
    {
        using var service = new ServiceCopy(Storage(("Schedules.Cleanup", "nightly")));
        using var cli = service.Host("WorkerRole");

        Assert.AreEqual(2, await cli.WaitForExitAsync(Timeout), cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains("'Schedules.Cleanup'", StringComparison.Ordinal) && l.Contains("'nightly'", StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task Host_CallbackAllowedHostsNotHosts_OnStartFailsNamingTheSettingAndNeverPrintsTheKey()
    {
        using var service = new ServiceCopy(Storage(("Callbacks.AllowedHosts", "https://partner.example.com/hook"), ("Callbacks.SigningKey", "do-not-print-this-key")));
        using var cli = service.Host("WorkerRole");

        Assert.AreEqual(2, await cli.WaitForExitAsync(Timeout), cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains("Callbacks.AllowedHosts", StringComparison.Ordinal) && l.Contains("'https://partner.example.com/hook'", StringComparison.Ordinal)), cli.Output);
        Assert.DoesNotContain("do-not-print-this-key", cli.Output);
    }

    [TestMethod]
    public async Task Host_CallbackHostsWithoutSigningKey_OnStartFailsNamingTheKeySetting()
    {
        using var service = new ServiceCopy(Storage(("Callbacks.AllowedHosts", "partner.example.com"), ("Callbacks.SigningKey", "")));
        using var cli = service.Host("WorkerRole");

        Assert.AreEqual(2, await cli.WaitForExitAsync(Timeout), cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains("'Callbacks.SigningKey'", StringComparison.Ordinal) && l.Contains("signed", StringComparison.Ordinal)), cli.Output);
    }

    /// <summary>The test Azurite's connection string, and any other settings.</summary>
    private static Dictionary<string, string> Storage(params (string Name, string Value)[] settings)
    {
        var all = settings.ToDictionary(s => s.Name, s => s.Value);
        all["StorageConnectionString"] = TestAzurite.ConnectionString;
        return all;
    }

    private static async Task<JsonDocument> WaitForHealthAsync(string path, CliProcess cli)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(path))
            {
                return JsonDocument.Parse(await File.ReadAllTextAsync(path));
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No health.json: " + cli.Output);
    }
}
