using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BackgroundRoles.Tests;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// <c>./cloudservice run</c> with two web and two worker instances of the real roles on the test Azurite: jobs go in
/// (orders and a thumbnail) through the load balancer and finish, the roles running from the package <c>run</c> made; <c>status --json</c> shows four Ready instances with their domains;
/// the worker's nightly cleanup is listed with its schedule, and a set-config of its expression reschedules it live;
/// <c>stop</c> drains and <c>run</c> exits 0.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed partial class EmulatorEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [TestMethod]
    public async Task Run_TwoWebAndTwoWorkerInstances_JobsThroughTheLoadBalancerFinish()
    {
        using var service = new ServiceCopy(new Dictionary<string, string> { ["StorageConnectionString"] = TestAzurite.ConnectionString }, instances: 2);
        using var run = CliProcess.Start(service.Directory, "run");
        var line = await run.WaitForLineAsync(l => BalancerLine().IsMatch(l), Timeout);
        using var http = new HttpClient { BaseAddress = new Uri(BalancerLine().Match(line).Groups["url"].Value) };

        var status = await WaitForStatusAsync(service, s => Instances(s).Count(i => i.GetProperty("state").GetString() == "Ready") == 4);
        var instances = Instances(status);
        CollectionAssert.AreEquivalent(
            new[] { "WebRole_IN_0", "WebRole_IN_1", "WorkerRole_IN_0", "WorkerRole_IN_1" },
            instances.Select(i => i.GetProperty("instanceId").GetString()).ToList());
        CollectionAssert.AreEquivalent(new[] { 0, 1, 0, 1 }, instances.Select(i => i.GetProperty("faultDomain").GetInt32()).ToList());
        CollectionAssert.AreEquivalent(new[] { 0, 1, 0, 1 }, instances.Select(i => i.GetProperty("updateDomain").GetInt32()).ToList());

        await run.WaitForLineAsync(l => l.StartsWith("All 4 instances Ready in ", StringComparison.Ordinal) && l.Contains(http.BaseAddress!.ToString(), StringComparison.Ordinal), Timeout);

        var served = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 6; i++)
        {
            var health = await http.GetFromJsonAsync<JsonElement>("/health");
            served.Add(health.GetProperty("instance").GetString()!);
        }

        CollectionAssert.AreEquivalent(new[] { "WebRole_IN_0", "WebRole_IN_1" }, served.ToList(), "the balancer spreads requests over both Ready web instances");

        var jobs = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await http.PostAsJsonAsync("/api/orders", new { customerEmail = $"lb{i}@example.com", items = new[] { new { sku = "sku-apple", quantity = 1 } } });
            Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
            jobs.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!);
        }

        // A thumbnail: SkiaSharp's native library loads from the package's approot (this platform's runtimes only).
        using (var image = new ByteArrayContent(TestImages.Png(640, 480)))
        {
            image.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            using var response = await http.PostAsync("/api/thumbnails", image);
            Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
            jobs.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!);
        }

        await EventsThroughTheBalancerAsync(http, jobs[^1]);
        foreach (var job in jobs)
        {
            var finished = await WaitForJobAsync(http, job);
            Assert.AreEqual("Succeeded", finished.GetProperty("state").GetString(), finished.ToString());
        }

        await ScheduleShownAndChangedLiveAsync(service);

        var (stopCode, stop) = await CliProcess.RunAsync(service.Directory, Timeout, "stop");
        Assert.AreEqual(0, stopCode, stop.Output);
        Assert.AreEqual(0, await run.WaitForExitAsync(Timeout), run.Output);
    }

    /// <summary>
    /// <c>status</c> lists the worker's cleanup job with the cscfg's expression; <c>set-config</c> makes it every second,
    /// and without a restart one of the two instances runs it, as <c>status</c> then shows (JSON and table).
    /// </summary>
    private static async Task ScheduleShownAndChangedLiveAsync(ServiceCopy service)
    {
        var nightly = Cleanup(await WaitForStatusAsync(service, s => Cleanup(s)?.GetProperty("expression").GetString() == "0 3 * * *"))!.Value;
        Assert.AreEqual(3, nightly.GetProperty("nextDue").GetDateTimeOffset().UtcDateTime.Hour, nightly.ToString());

        var changedAt = DateTimeOffset.UtcNow;
        var (setCode, set) = await CliProcess.RunAsync(service.Directory, Timeout, "set-config", "--role", "WorkerRole", "Schedules.Cleanup=* * * * * *");
        using (set)
        {
            Assert.AreEqual(0, setCode, set.Output);
        }

        var ran = Cleanup(await WaitForStatusAsync(service, s => Cleanup(s) is { } c
            && c.GetProperty("expression").GetString() == "* * * * * *"
            && c.GetProperty("lastOutcome").GetString() == "Succeeded"
            && c.TryGetProperty("lastRunStart", out var start) && start.GetDateTimeOffset() > changedAt))!.Value;
        StringAssert.StartsWith(ran.GetProperty("lastInstance").GetString(), "WorkerRole_IN_", ran.ToString());
        Assert.IsGreaterThanOrEqualTo(1L, ran.GetProperty("totalRuns").GetInt64());

        var (textCode, text) = await CliProcess.RunAsync(service.Directory, Timeout, "status");
        using var _ = text;
        Assert.AreEqual(0, textCode, text.Output);
        Assert.IsTrue(text.Lines.Any(l => l.Contains("job-cleanup", StringComparison.Ordinal) && l.Contains("* * * * * *", StringComparison.Ordinal) && l.Contains("on WorkerRole_IN_", StringComparison.Ordinal)), text.Output);
    }

    /// <summary>The worker role's cleanup job in a status, or null while not listed.</summary>
    private static JsonElement? Cleanup(JsonElement status) =>
        status.GetProperty("roles").EnumerateArray()
            .Where(r => r.GetProperty("name").GetString() == "WorkerRole" && r.TryGetProperty("coordination", out _))
            .SelectMany(r => r.GetProperty("coordination").GetProperty("schedules").EnumerateArray())
            .Cast<JsonElement?>()
            .FirstOrDefault(s => s!.Value.GetProperty("name").GetString() == "job-cleanup");

    private static IReadOnlyList<JsonElement> Instances(JsonElement status) =>
        [.. status.GetProperty("roles").EnumerateArray().SelectMany(r => r.GetProperty("instances").EnumerateArray())];

    private static async Task<JsonElement> WaitForStatusAsync(ServiceCopy service, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var (exitCode, cli) = await CliProcess.RunAsync(service.Directory, Timeout, "status", "--json");
            if (exitCode == 0)
            {
                var status = JsonDocument.Parse(cli.Output).RootElement.Clone();
                if (done(status))
                {
                    return status;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The emulator never got there: " + cli.Output);
            }

            await Task.Delay(250);
        }
    }

    private static async Task<JsonElement> WaitForJobAsync(HttpClient http, string jobId)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
            if (status.GetProperty("state").GetString() is "Succeeded" or "Failed" or "Poisoned" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"^WebRole/HttpIn: (?<url>http://127\.0\.0\.1:\d+/) \(load balancer")]
    private static partial Regex BalancerLine();
}
