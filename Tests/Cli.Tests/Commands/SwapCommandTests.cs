using System.Collections.Concurrent;
using System.Diagnostics;
using BackgroundRoles.Cli.Tests.Support;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary><c>cloudservice swap</c>: the VIP swap at the balancers, and when it is refused.</summary>
[TestClass]
public sealed class SwapCommandTests
{
    [TestMethod]
    public async Task Swap_UnderSteadyLoad_NoRequestFailsAndEveryLaterOneIsServedByTheOtherDeployment()
    {
        using var service = new SlotService();
        service.WriteVersion("v2.cscfg", "run-forever");
        await service.StartAsync();
        var (deployed, deploy) = await service.CliAsync("deploy", "--slot", "staging", "--cscfg", "v2.cscfg");
        deploy.Dispose();
        Assert.AreEqual(0, deployed, deploy.Output);

        using var http = new HttpClient();
        var requests = new ConcurrentBag<(long Started, string? DeploymentId, string? Failure)>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    requests.Add((started, await SlotService.DeploymentAtAsync(http, service.ProductionPort), null));
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
                {
                    requests.Add((started, null, e.Message));
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1));
        var (swapped, swap) = await service.CliAsync("swap");
        var swapDone = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        using (swap)
        {
            Assert.AreEqual(0, swapped, swap.Output);
            StringAssert.Contains(swap.Output, "production runs deployment16(2), staging runs deployment16(1)");

            // The figures BENCHMARKS.md quotes.
            var lastOld = requests.Where(r => r.DeploymentId == "deployment16(1)").Max(r => r.Started);
            Console.WriteLine($"swap under load: {swap.Lines.Single(l => l.StartsWith("Swapped in ", StringComparison.Ordinal))}; "
                + $"{service.Run.Lines.Single(l => l.StartsWith("Swap: ", StringComparison.Ordinal))}; "
                + $"{requests.Count} requests, {requests.Count(r => r.Failure is not null)} failed; the last one served by the old deployment started "
                + $"{Stopwatch.GetElapsedTime(lastOld, swapDone).TotalMilliseconds:F0} ms before the swap command returned");
        }

        Assert.IsEmpty(requests.Where(r => r.Failure is not null).ToList(), string.Join("; ", requests.Select(r => r.Failure).Distinct()));
        var after = requests.Where(r => r.Started > swapDone).ToList();
        Assert.IsGreaterThan(10, after.Count);
        Assert.IsTrue(after.All(r => r.DeploymentId == "deployment16(2)"), string.Join(", ", after.Select(r => r.DeploymentId).Distinct()));
        Assert.IsTrue(requests.Any(r => r.DeploymentId == "deployment16(1)"), "v1 served before the swap");
        var status = await service.StatusAsync();
        Assert.AreEqual("deployment16(2)", status.GetProperty("deploymentId").GetString());
        Assert.AreEqual(service.ProductionPort, status.GetProperty("publicEndpoints")[0].GetProperty("port").GetInt32());
        Assert.AreEqual("deployment16(1)", status.GetProperty("staging").GetProperty("deploymentId").GetString());
    }

    [TestMethod]
    public async Task Swap_BadDay_RefusedWhileProductionLoopsThenFreezeSettlesItAndTheSwapBackSucceeds()
    {
        using var service = new SlotService();
        service.WriteVersion("v2.cscfg", "run-forever");
        await service.StartAsync();
        await ExpectAsync(service, 0, "deploy", "--slot", "staging", "--cscfg", "v2.cscfg");
        await ExpectAsync(service, 0, "swap");

        // v2 now fails in production: every start of it throws in OnStart.
        await ExpectAsync(service, 0, "set-config", "--slot", "production", "Behavior=onstart-throws");
        await ExpectAsync(service, 0, "recycle", "LifecycleRole_IN_0", "--slot", "production");
        await WaitForProductionAsync(service, i => i.GetProperty("restarts").GetInt32() >= 2 && i.TryGetProperty("lastExitCode", out var code) && code.GetInt32() == 3, "looping");

        var refused = await ExpectAsync(service, 1, "swap");
        StringAssert.Contains(refused, "refused: every instance of both deployments must be stable");
        StringAssert.Contains(refused, "production LifecycleRole_IN_0 (deployment16(2)) is ");
        Assert.DoesNotContain("staging LifecycleRole_IN_0", refused);

        await ExpectAsync(service, 0, "set-config", "--slot", "production", "Freeze=true");
        await WaitForProductionAsync(service, i => i.GetProperty("state").GetString() == "Frozen" && i.GetProperty("stable").GetBoolean(), "Frozen and stable");
        await ExpectAsync(service, 0, "swap");

        using var http = new HttpClient();
        Assert.AreEqual("deployment16(1)", await SlotService.DeploymentAtAsync(http, service.ProductionPort));
        var staging = (await service.StatusAsync()).GetProperty("staging");
        Assert.AreEqual("Frozen", staging.GetProperty("roles")[0].GetProperty("instances")[0].GetProperty("state").GetString());

        // Fixed and unfrozen, v2 runs its OnStart again, in the same process, and serves on staging's address.
        await ExpectAsync(service, 0, "set-config", "--slot", "staging", "Behavior=run-forever", "Freeze=false");
        var stagingPort = staging.GetProperty("publicEndpoints")[0].GetProperty("port").GetInt32();
        await WaitAsync(async () => (await service.StatusAsync()).GetProperty("staging").GetProperty("roles")[0].GetProperty("instances")[0].GetProperty("state").GetString() == "Ready", "v2 Ready in staging", service);
        Assert.AreEqual("deployment16(2)", await SlotService.DeploymentAtAsync(http, stagingPort));
    }

    [TestMethod]
    public async Task Swap_DuringADeployThenWithOtherEndpoints_IsRefusedNamingTheHolderThenTheEndpoint()
    {
        using var service = new SlotService();
        service.WriteVersion("slow.cscfg", "slow-onstart");
        service.WriteDefinitionWithAnotherPort("Other.csdef");
        await service.StartAsync();

        var deploy = CliProcess.Start(service.Directory, "deploy", "--slot", "staging", "--csdef", "Other.csdef", "--cscfg", "slow.cscfg", "--state-dir", service.StateDirectory);
        using (deploy)
        {
            await service.Run.WaitForLineAsync(l => l.StartsWith("Deployment deployment16(2) ", StringComparison.Ordinal), SlotService.Timeout);
            var (during, swap) = await service.CliAsync("swap");
            using (swap)
            {
                Assert.AreEqual(1, during, swap.Output);
                StringAssert.Contains(swap.Output, "refused: 'deploy --slot staging' is in progress");
            }

            Assert.AreEqual(0, await deploy.WaitForExitAsync(SlotService.Timeout), deploy.Output);
        }

        var (mismatched, again) = await service.CliAsync("swap");
        using (again)
        {
            Assert.AreEqual(1, mismatched, again.Output);
            StringAssert.Contains(again.Output, "refused: the input endpoints differ in name, protocol or port");
            StringAssert.Contains(again.Output, $"LifecycleRole/Web: http port {service.ProductionPort} in production, http port ");
        }
    }

    private static async Task<string> ExpectAsync(SlotService service, int exitCode, params string[] arguments)
    {
        var (actual, cli) = await service.CliAsync(arguments);
        using (cli)
        {
            Assert.AreEqual(exitCode, actual, $"{string.Join(' ', arguments)}: {cli.Output}");
            return cli.Output;
        }
    }

    private static Task WaitForProductionAsync(SlotService service, Func<System.Text.Json.JsonElement, bool> done, string what) =>
        WaitAsync(async () => done((await service.StatusAsync()).GetProperty("roles")[0].GetProperty("instances")[0]), what, service);

    private static async Task WaitAsync(Func<Task<bool>> done, string what, SlotService service)
    {
        var deadline = DateTime.UtcNow + SlotService.Timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Never {what}: {(await service.StatusAsync())}{Environment.NewLine}{service.Run.Output}");
            }

            await Task.Delay(250);
        }
    }
}
