using System.Net;
using System.Text;
using BackgroundRoles.Dashboard.Tests.Support;
using BackgroundRoles.Tests;
using Microsoft.Playwright;

namespace BackgroundRoles.Dashboard.Tests;

/// <summary>
/// The overview and instance pages in a real headless chromium against <c>./cloudservice run</c>: the instances are
/// shown Ready, a recycle from the page is seen going Stopping and back to Ready, and without the session, or from
/// another origin, or without the anti-forgery token, nothing is shown or done.
/// </summary>
[TestClass]
[BrowserCondition]
public sealed class OverviewPageTests : SharedRunPageTests
{
    [TestMethod]
    public async Task Overview_AfterStart_ShowsEveryInstanceReady()
    {
        var page = await Run.OpenAsync("/");
        await DashboardRun.WaitForStatesAsync(page, "Ready", "WebRole_IN_0", "WorkerRole_IN_0");
        var rows = await page.Locator("tr[data-instance]").AllAsync();
        Assert.HasCount(2, rows);
        var web = page.Locator("tr[data-instance='WebRole_IN_0'] td");
        Assert.AreEqual("0", await web.Nth(2).TextContentAsync(), "update domain");
        Assert.AreEqual("0", await web.Nth(3).TextContentAsync(), "fault domain");
        await DashboardRun.ScreenshotAsync(page, TestContext, "dashboard-overview");
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task Overview_RunningInstances_ShowAnUptimeThatGrows()
    {
        var page = await Run.OpenAsync("/");
        await DashboardRun.WaitForStatesAsync(page, "Ready", "WebRole_IN_0");
        var uptime = page.Locator("td[data-uptime='WebRole_IN_0']");
        await Assertions.Expect(uptime).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(\d+[dhm] )?\d+[hms]$"));
        var first = Seconds(await uptime.TextContentAsync());

        // The page is pushed a snapshot every 2 s, so the uptime moves without a reload.
        await Assertions.Expect(uptime).Not.ToHaveTextAsync(await uptime.TextContentAsync() ?? string.Empty, new() { Timeout = 10_000 });
        Assert.IsGreaterThan(first, Seconds(await uptime.TextContentAsync()));
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task OverviewApi_RunningInstance_GivesItsProcessStartAndUptimeOnTheEmulatorsClock()
    {
        var page = await Run.Browser.Context.NewPageAsync();
        var before = await InstanceJsonAsync(page, "WorkerRole_IN_0");
        await Task.Delay(1500);
        var after = await InstanceJsonAsync(page, "WorkerRole_IN_0");
        await page.CloseAsync();

        var started = before.Instance.GetProperty("processStartedAt").GetDateTimeOffset();
        Assert.AreEqual(started, after.Instance.GetProperty("processStartedAt").GetDateTimeOffset(), "the same process");
        var uptime = TimeSpan.Parse(before.Instance.GetProperty("uptime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.AreEqual(before.TakenAt - started, uptime, "uptime is the snapshot's time less the process start");
        var later = TimeSpan.Parse(after.Instance.GetProperty("uptime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsGreaterThanOrEqualTo(uptime + TimeSpan.FromSeconds(1), later);
    }

    [TestMethod]
    public async Task Recycle_FromInstancePage_GoesStoppingThenReady()
    {
        var page = await Run.OpenAsync("/instance?id=WorkerRole_IN_0");
        await DashboardRun.WaitForStatesAsync(page, "Ready", "WorkerRole_IN_0");
        await Assertions.Expect(page.Locator("#log div").First).ToBeVisibleAsync(new() { Timeout = (float)DashboardRun.Timeout.TotalMilliseconds });

        await page.Locator("#recycle").ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("WorkerRole_IN_0: recycle requested");
        var deadline = DateTime.UtcNow + DashboardRun.Timeout;
        IReadOnlyList<string> seen;
        while (true)
        {
            seen = await DashboardRun.SeenStatesAsync(page, "WorkerRole_IN_0");
            var stopping = seen.ToList().IndexOf("Stopping");
            if (stopping >= 0 && seen.Skip(stopping + 1).Contains("Ready"))
            {
                break;
            }

            Assert.IsLessThan(deadline, DateTime.UtcNow, "never seen Stopping then Ready: " + string.Join(" → ", seen));
            await Task.Delay(200);
        }

        await DashboardRun.ScreenshotAsync(page, TestContext, "dashboard-instance");
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task Scale_FromOverview_AddsThenRemovesAnInstance()
    {
        var page = await Run.OpenAsync("/");
        await DashboardRun.WaitForStatesAsync(page, "Ready", "WorkerRole_IN_0");

        await page.Locator("input.scale-count[data-role='WorkerRole']").FillAsync("2");
        await page.Locator("button.scale[data-role='WorkerRole']").ClickAsync();
        await DashboardRun.WaitForStatesAsync(page, "Ready", "WorkerRole_IN_1");
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("WorkerRole: 2 instances");

        await page.Locator("input.scale-count[data-role='WorkerRole']").FillAsync("1");
        await page.Locator("button.scale[data-role='WorkerRole']").ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-instance='WorkerRole_IN_1']")).ToHaveCountAsync(0, new() { Timeout = (float)DashboardRun.Timeout.TotalMilliseconds });
        await Assertions.Expect(page.Locator("input.scale-count[data-role='WorkerRole']")).ToHaveValueAsync("1");
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task Page_WithoutTheLoginToken_IsRefused()
    {
        await Run.Browser.Context.ClearCookiesAsync();
        try
        {
            var page = await Run.Browser.Context.NewPageAsync();
            var response = await page.GotoAsync(Run.Url.ToString());
            Assert.AreEqual(401, response!.Status);
            StringAssert.Contains(await page.ContentAsync(), "Not signed in");

            response = await page.GotoAsync(new Uri(Run.Url, "login?token=not-the-token").ToString());
            Assert.AreEqual(401, response!.Status);

            response = await page.GotoAsync(new Uri(Run.Url, "api/overview").ToString());
            Assert.AreEqual(401, response!.Status, "the API too");
            await page.CloseAsync();
        }
        finally
        {
            await Run.LoginAsync();
        }
    }

    [TestMethod]
    public async Task CrossSitePost_FromAnotherOrigin_IsRefused()
    {
        var restartsBefore = await RestartsAsync("WebRole_IN_0");
        var attackerPort = Loopback.FreePorts(1);
        using var attacker = new HttpListener();
        attacker.Prefixes.Add($"http://127.0.0.1:{attackerPort}/");
        attacker.Start();
        var target = new Uri(Run.Url, "api/instances/WebRole_IN_0/recycle");
        var serving = Task.Run(async () =>
        {
            var context = await attacker.GetContextAsync();
            var html = $"""<!DOCTYPE html><form method="post" action="{target}" enctype="text/plain"><input name="a" value="b"></form><script>document.forms[0].submit()</script>""";
            var bytes = Encoding.UTF8.GetBytes(html);
            context.Response.ContentType = "text/html";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        });

        var page = await Run.Browser.Context.NewPageAsync();
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GotoAsync($"http://127.0.0.1:{attackerPort}/"),
            r => r.Url == target.ToString());
        await serving;
        Assert.AreEqual(403, refused.Status, "a form on another origin (the same site for cookies) is refused");

        // Same origin without the anti-forgery token (the cookie alone) is refused too.
        var bare = await page.APIRequest.PostAsync(target.ToString(), new() { Headers = new Dictionary<string, string> { ["Origin"] = Run.Url.GetLeftPart(UriPartial.Authority) } });
        Assert.AreEqual(400, bare.Status);
        Assert.AreEqual(restartsBefore, await RestartsAsync("WebRole_IN_0"), "nothing was recycled");
        await page.CloseAsync();
    }

    private static int Seconds(string? shown)
    {
        var total = 0;
        foreach (System.Text.RegularExpressions.Match part in System.Text.RegularExpressions.Regex.Matches(shown ?? string.Empty, @"(\d+)([dhms])"))
        {
            var n = int.Parse(part.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch { "d" => n * 86400, "h" => n * 3600, "m" => n * 60, _ => n };
        }

        return total;
    }

    private static async Task<(System.Text.Json.JsonElement Instance, DateTimeOffset TakenAt)> InstanceJsonAsync(IPage page, string instance)
    {
        var overview = await page.APIRequest.GetAsync(new Uri(Run.Url, "api/overview").ToString());
        Assert.AreEqual(200, overview.Status);
        var json = (await overview.JsonAsync())!.Value;
        var found = json.GetProperty("deployments")[0].GetProperty("roles").EnumerateArray()
            .SelectMany(r => r.GetProperty("instances").EnumerateArray())
            .Single(i => i.GetProperty("instanceId").GetString() == instance);
        return (found.Clone(), json.GetProperty("takenAt").GetDateTimeOffset());
    }

    private static async Task<int> RestartsAsync(string instance)
    {
        var page = await Run.Browser.Context.NewPageAsync();
        var overview = await page.APIRequest.GetAsync(new Uri(Run.Url, "api/overview").ToString());
        var json = await overview.JsonAsync();
        await page.CloseAsync();
        return json!.Value.GetProperty("deployments")[0].GetProperty("roles").EnumerateArray()
            .SelectMany(r => r.GetProperty("instances").EnumerateArray())
            .Single(i => i.GetProperty("instanceId").GetString() == instance).GetProperty("restarts").GetInt32();
    }
}
