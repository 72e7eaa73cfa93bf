using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using BackgroundRoles.Cli.Tests.Support;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary>
/// <c>cloudservice upgrade</c> and <c>walk-ud</c>: the in-place upgrade by update domain of a running deployment with two
/// instances (LifecycleRole_IN_0 in update domain 0, _IN_1 in 1), under load, rolled back, and walked by hand.
/// </summary>
[TestClass]
public sealed class UpgradeCommandTests
{
    /// <remarks>
    /// The role answers each request after 100 ms, and with 503 once it is Stopping: a request the balancer still sends
    /// to an instance being stopped fails. Only taking each domain out of rotation (and draining) before its stop keeps
    /// every request succeeding; without that step requests in flight at the stop get 503.
    /// </remarks>
    [TestMethod]
    public async Task Upgrade_UnderSteadyLoadWithTwoInstances_NoRequestFailsAndEveryInstanceRunsTheNewPackage()
    {
        using var service = new SlotService("slow-answers", instances: 2);
        service.WriteVersion("v2.cscfg", "slow-answers", instances: 2, echo: "two");
        await service.StartAsync();
        var before = await service.StatusAsync();
        var oldPackage = Instances(before).Select(i => i.GetProperty("package").GetString()).Distinct().Single();

        using var http = new HttpClient();
        using var load = RequestLoad.Start(http, service.ProductionPort);
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var upgrade = CliProcess.Start(service.Directory, "upgrade", "--slot", "production", "--cscfg", "v2.cscfg", "--state-dir", service.StateDirectory);
        await service.Run.WaitForLineAsync(l => l.StartsWith("Update domain 0 (1/2): ", StringComparison.Ordinal), SlotService.Timeout);

        // During the walk, every other operation that changes a deployment is refused, naming the upgrade.
        var refused = await ExpectAsync(service, 1, "set-config", "Echo=three");
        StringAssert.Contains(refused, "refused: 'upgrade --slot production' is in progress");

        Assert.AreEqual(0, await upgrade.WaitForExitAsync(SlotService.Timeout), upgrade.Output);
        var done = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var requests = await load.StopAsync();

        StringAssert.Contains(upgrade.Output, "Update domain 0 (1/2): upgraded in ");
        StringAssert.Contains(upgrade.Output, "Update domain 1 (2/2): upgraded in ");
        StringAssert.Contains(upgrade.Output, "Upgrade done in ");
        Assert.IsEmpty(requests.Where(r => r.Failure is not null).ToList(), string.Join("; ", requests.Select(r => r.Failure).Distinct()));
        Assert.IsTrue(requests.Any(r => r.Echo == "one"), "v1 served before the upgrade");
        var after = requests.Where(r => r.Started > done).ToList();
        Assert.IsGreaterThan(10, after.Count);
        Assert.IsTrue(after.All(r => r.Echo == "two"), string.Join(", ", after.Select(r => r.Echo).Distinct()));

        var status = await service.StatusAsync();
        var upgraded = status.GetProperty("upgrade");
        Assert.AreEqual("Completed", upgraded.GetProperty("state").GetString());
        var newPackage = upgraded.GetProperty("toPackage").GetString();
        Assert.AreNotEqual(oldPackage, newPackage);
        Assert.AreEqual("deployment16(1)", status.GetProperty("deploymentId").GetString(), "an in-place upgrade keeps the deployment");
        Assert.IsTrue(Instances(status).All(i => i.GetProperty("package").GetString() == newPackage && i.GetProperty("state").GetString() == "Ready"), status.ToString());
    }

    [TestMethod]
    public async Task Upgrade_VersionThatNeverGetsReady_IsRolledBackAndTheOldVersionAnswers()
    {
        using var service = new SlotService(instances: 2);
        service.WriteVersion("broken.cscfg", "onstart-throws", instances: 2, echo: "two");
        await service.StartAsync();
        var oldPackage = Instances(await service.StatusAsync()).Select(i => i.GetProperty("package").GetString()).Distinct().Single();

        using var http = new HttpClient();
        using var load = RequestLoad.Start(http, service.ProductionPort);
        var (exitCode, upgrade) = await service.CliAsync("upgrade", "--slot", "production", "--cscfg", "broken.cscfg", "--timeout", "8s");
        var requests = await load.StopAsync();
        using (upgrade)
        {
            Assert.AreEqual(1, exitCode, upgrade.Output);
            StringAssert.Contains(upgrade.Output, "Update domain 0: LifecycleRole_IN_0 not Ready on package ");
            StringAssert.Contains(upgrade.Output, "within 8.0 s (");
            StringAssert.Contains(upgrade.Output, "Update domain 0: rolled back in ");
            StringAssert.Contains(upgrade.Output, $"update domain 0 runs package {oldPackage} again");
            Assert.DoesNotContain("Update domain 1 (2/2)", upgrade.Output, "the walk stops at the failed domain");
        }

        // The other domain kept answering throughout, and the old version answers on every instance afterwards.
        Assert.IsEmpty(requests.Where(r => r.Failure is not null).ToList(), string.Join("; ", requests.Select(r => r.Failure).Distinct()));
        Assert.IsTrue(requests.All(r => r.Echo == "one"), string.Join(", ", requests.Select(r => r.Echo).Distinct()));
        var status = await service.StatusAsync();
        Assert.AreEqual("RolledBack", status.GetProperty("upgrade").GetProperty("state").GetString());
        Assert.IsTrue(Instances(status).All(i => i.GetProperty("package").GetString() == oldPackage && i.GetProperty("state").GetString() == "Ready"), status.ToString());
        var answers = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add((await SlotService.VersionAtAsync(http, service.ProductionPort)).Echo);
        }

        CollectionAssert.AreEquivalent(new[] { "one" }, answers.ToList());
    }

    [TestMethod]
    public async Task Upgrade_ManualMode_WaitsAfterEachDomainUntilWalkUd()
    {
        using var service = new SlotService(instances: 2);
        service.WriteVersion("v2.cscfg", "run-forever", instances: 2, echo: "two");
        service.WriteDefinitionWithAnotherPort("Other.csdef");
        await service.StartAsync();

        StringAssert.Contains(await ExpectAsync(service, 1, "walk-ud", "--slot", "production"), "refused: no upgrade of deployment16(1) in the production slot is waiting for walk-ud");
        StringAssert.Contains(await ExpectAsync(service, 2, "upgrade", "--slot", "production", "--timeout", "soon"), "--timeout: 'soon' is not a duration");
        var mismatch = await ExpectAsync(service, 1, "upgrade", "--slot", "production", "--csdef", "Other.csdef", "--cscfg", "v2.cscfg");
        StringAssert.Contains(mismatch, "cannot replace deployment16(1) in place");
        StringAssert.Contains(mismatch, "LifecycleRole: the endpoints differ in name, protocol or port");

        var first = await ExpectAsync(service, 0, "upgrade", "--slot", "production", "--cscfg", "v2.cscfg", "--mode", "manual");
        StringAssert.Contains(first, "Update domain 0 (1/2): upgraded in ");
        StringAssert.Contains(first, "Waiting for 'cloudservice walk-ud --slot production' to walk update domain 1");
        Assert.DoesNotContain("Update domain 1", first);

        // It stays there: domain 1 still runs the old package, and the upgrade holds the lock while it waits.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var waiting = await service.StatusAsync();
        Assert.AreEqual("WaitingForWalk", waiting.GetProperty("upgrade").GetProperty("state").GetString());
        Assert.AreEqual("upgrade --slot production", waiting.GetProperty("operation").GetString());
        var (toPackage, fromPackage) = (waiting.GetProperty("upgrade").GetProperty("toPackage").GetString(), waiting.GetProperty("upgrade").GetProperty("fromPackage").GetString());
        var packages = Instances(waiting).Select(i => i.GetProperty("package").GetString()).ToList();
        CollectionAssert.AreEqual(new[] { toPackage, fromPackage }, packages);
        StringAssert.Contains(await ExpectAsync(service, 1, "scale", "LifecycleRole", "3"), "refused: 'upgrade --slot production' is in progress");
        StringAssert.Contains(await ExpectAsync(service, 0, "status"), "update domain 1: Pending");

        var second = await ExpectAsync(service, 0, "walk-ud", "--slot", "production");
        StringAssert.Contains(second, "Update domain 1 (2/2): upgraded in ");
        StringAssert.Contains(second, "Upgrade done in ");
        Assert.DoesNotContain("Update domain 0 (1/2)", second, "walk-ud prints what it walked only");
        Assert.IsTrue(Instances(await service.StatusAsync()).All(i => i.GetProperty("package").GetString() == toPackage));

        StringAssert.Contains(await ExpectAsync(service, 1, "walk-ud", "--slot", "production"), "is not waiting for walk-ud (it is completed)");
        await ExpectAsync(service, 0, "scale", "LifecycleRole", "3");
    }

    private static IEnumerable<JsonElement> Instances(JsonElement deployment) =>
        deployment.GetProperty("roles").EnumerateArray().SelectMany(r => r.GetProperty("instances").EnumerateArray());

    private static async Task<string> ExpectAsync(SlotService service, int exitCode, params string[] arguments)
    {
        var (actual, cli) = await service.CliAsync(arguments);
        using (cli)
        {
            Assert.AreEqual(exitCode, actual, $"{string.Join(' ', arguments)}: {cli.Output}");
            return cli.Output;
        }
    }

    /// <summary>Four clients sending GETs one after another to a port, each request recorded with the version that answered or why it failed.</summary>
    private sealed class RequestLoad : IDisposable
    {
        private readonly ConcurrentBag<(long Started, string? Echo, string? Failure)> _requests = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _clients;

        private RequestLoad(HttpClient http, int port)
        {
            _clients = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        _requests.Add((started, (await SlotService.VersionAtAsync(http, port)).Echo, null));
                    }
                    catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
                    {
                        _requests.Add((started, null, e.Message));
                    }
                }
            }))];
        }

        public static RequestLoad Start(HttpClient http, int port) => new(http, port);

        public async Task<IReadOnlyList<(long Started, string? Echo, string? Failure)>> StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_clients);
            return [.. _requests];
        }

        public void Dispose()
        {
            // After a failed assertion the clients may still run: they end here, before their token goes.
            _stop.Cancel();
            Task.WaitAll([.. _clients], TimeSpan.FromSeconds(10));
            _stop.Dispose();
        }
    }
}
