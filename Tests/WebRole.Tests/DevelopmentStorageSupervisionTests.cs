using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BackgroundRoles.Fabric.Storage;
using BackgroundRoles.Tests;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// <c>./cloudservice run</c> with <c>UseDevelopmentStorage=true</c> supervises the Azurite it starts: killed, it is
/// said and restarted on the same ports and data, and the real roles ride through (an order placed afterwards
/// finishes).
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed partial class DevelopmentStorageSupervisionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [TestMethod]
    public async Task Run_AzuriteKilled_IsRestartedOnItsPortsAndAnOrderFinishesAfterwards()
    {
        if (new[] { 10000, 10001, 10002 }.Any(AzuriteProcess.IsListening))
        {
            Assert.Inconclusive("Something already listens on the development storage ports 10000-10002; run would use it instead of starting Azurite.");
        }

        // The Local cscfg's StorageConnectionString is UseDevelopmentStorage=true.
        using var service = new ServiceCopy();
        using var run = CliProcess.Start(service.Directory, "run");
        var ready = await run.WaitForLineAsync(l => ReadyLine().IsMatch(l), Timeout);
        var pid = ReadyLine().Match(ready).Groups["pid"].Value;
        var balancer = await run.WaitForLineAsync(l => BalancerLine().IsMatch(l), Timeout);
        using var http = new HttpClient { BaseAddress = new Uri(BalancerLine().Match(balancer).Groups["url"].Value) };
        await run.WaitForLineAsync(l => l.StartsWith("All 2 instances Ready in ", StringComparison.Ordinal), Timeout);
        Assert.AreEqual("Succeeded", await PlaceOrderAsync(http, "before@example.com"), run.Output);
        var settled = DateTime.UtcNow;

        // Azurite keeps its metadata (queues, tables, messages, entities) in memory and saves it within 5 s of a change:
        // what changed since its last save dies with it. Kill it once what the roles wrote is saved.
        await WaitForSaveAsync(Path.Combine(service.StateDirectory, "azurite"), settled);

        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", pid]))
        {
            await kill.WaitForExitAsync();
        }

        await run.WaitForLineAsync(l => l.StartsWith($"Development storage: Azurite (process {pid}) exited", StringComparison.Ordinal), Timeout);
        var restarted = await run.WaitForLineAsync(l => RestartedLine().IsMatch(l), Timeout);
        Assert.AreNotEqual(pid, RestartedLine().Match(restarted).Groups["pid"].Value);

        Assert.AreEqual("Succeeded", await PlaceOrderAsync(http, "after@example.com"), run.Output);
        Assert.IsFalse(run.Lines.Any(l => l.StartsWith("WebRole_IN_0: ", StringComparison.Ordinal) && l.Contains("exited", StringComparison.Ordinal)), "the roles rode through: " + run.Output);

        var (stopCode, stop) = await CliProcess.RunAsync(service.Directory, Timeout, "stop");
        using (stop)
        {
            Assert.AreEqual(0, stopCode, stop.Output);
        }

        Assert.AreEqual(0, await run.WaitForExitAsync(Timeout), run.Output);
        Assert.IsFalse(AzuriteProcess.IsListening(10001), "run ends the Azurite it restarted");
    }

    /// <summary>Places an order (retried while storage is coming back: 503) and returns the state it ends in.</summary>
    private static async Task<string?> PlaceOrderAsync(HttpClient http, string email)
    {
        var deadline = DateTime.UtcNow + Timeout;
        string jobId;
        while (true)
        {
            using var response = await http.PostAsJsonAsync("/api/orders", new { customerEmail = email, items = new[] { new { sku = "sku-apple", quantity = 1 } } });
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The order was never accepted: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(250);
        }

        while (true)
        {
            using var response = await http.GetAsync($"/api/jobs/{jobId}");
            var state = response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString() : null;
            if (state is "Succeeded" or "Failed" or "Poisoned")
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                return $"still {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until Azurite has saved what changed before <paramref name="settled"/> (after which nothing writes):
    /// either both databases were saved since, or its save interval went by with room to spare, which means nothing
    /// was left unsaved (Azurite saves only when something changed, so waiting for a write could wait for ever).
    /// </summary>
    private static async Task WaitForSaveAsync(string dataDirectory, DateTime settled)
    {
        string[] files = ["__azurite_db_queue__.json", "__azurite_db_table__.json"];
        Assert.IsTrue(files.All(f => File.Exists(Path.Combine(dataDirectory, f))), $"Azurite keeps no databases in {dataDirectory}");
        var enough = settled + TimeSpan.FromSeconds(10);
        while (!files.All(f => File.GetLastWriteTimeUtc(Path.Combine(dataDirectory, f)) > settled) && DateTime.UtcNow < enough)
        {
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"^Development storage: Azurite ready in .* \(process (?<pid>\d+)\)")]
    private static partial Regex ReadyLine();

    [GeneratedRegex(@"^Development storage: Azurite restarted \(process (?<pid>\d+)\) on 127\.0\.0\.1 ports 10000-10002$")]
    private static partial Regex RestartedLine();

    [GeneratedRegex(@"^WebRole/HttpIn: (?<url>http://127\.0\.0\.1:\d+/) \(load balancer")]
    private static partial Regex BalancerLine();
}
