using BackgroundRoles.Dashboard.Tests.Support;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using Microsoft.Playwright;

namespace BackgroundRoles.Dashboard.Tests;

/// <summary>
/// The autoscale rules on the overview in a real headless chromium against the shared <c>./cloudservice run</c>, whose
/// service has one rule (the web role, 1 to 1 instances, one queue): the rule, the queue's length as the emulator's
/// autoscaler last read it, and its last round with time and reason; and a run with <c>--no-autoscale</c> of its own.
/// </summary>
[TestClass]
[BrowserCondition]
public sealed class AutoscalePageTests : SharedRunPageTests
{
    private static readonly float Timeout = (float)DashboardRun.Timeout.TotalMilliseconds;
    [TestMethod]
    public async Task Overview_RuledRole_ShowsItsRuleAndLastRound()
    {
        var page = await Run.OpenAsync("/");

        await Assertions.Expect(page.Locator("#autoscale-mode")).ToContainTextAsync("the rules beside the cscfg are applied", new() { Timeout = Timeout });
        var web = page.Locator("[data-autoscale='WebRole']");
        await Assertions.Expect(web.Locator(".autoscale-rule")).ToContainTextAsync("Autoscale 1 to 1 instances", new() { Timeout = Timeout });
        await Assertions.Expect(web.Locator($"tr[data-queue='{DashboardRun.AutoscaleQueue}'] td").Nth(2)).ToHaveTextAsync(DashboardRun.AutoscaleMessagesPerInstance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(web.Locator(".autoscale-decision")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Last round \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: 1 instance, desired 1 \(.+\)"), new() { Timeout = Timeout });
        Assert.AreEqual(0, await page.Locator("[data-autoscale='WorkerRole']").CountAsync(), "the worker role has no rule");
        await DashboardRun.ScreenshotAsync(page, TestContext, "dashboard-autoscale");
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task Overview_RunWithNoAutoscale_SaysSoAndShowsNoRule()
    {
        // A run of its own, ended by its process id when disposed: the shared one applies the rules.
        await using var run = await DashboardRun.StartAsync(autoscale: false);
        var page = await run.OpenAsync("/");

        await Assertions.Expect(page.Locator("#autoscale-mode")).ToHaveTextAsync("Autoscale: off (run --no-autoscale): the cscfg's instance counts are kept.", new() { Timeout = Timeout });
        await DashboardRun.WaitForStatesAsync(page, "Ready", "WebRole_IN_0");
        Assert.AreEqual(0, await page.Locator("[data-autoscale]").CountAsync(), "the rules file beside the cscfg is not read");
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task Overview_MessagesOnTheRuledQueue_ShowsTheLengthTheAutoscalerRead()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        await storage.EnsureQueueAsync(DashboardRun.AutoscaleQueue, CancellationToken.None);
        var page = await Run.OpenAsync("/");
        var length = page.Locator($"[data-autoscale='WebRole'] tr[data-queue='{DashboardRun.AutoscaleQueue}'] td.queue-length");
        await Assertions.Expect(length).ToHaveTextAsync("0", new() { Timeout = Timeout });

        var inspector = new Jobs.Inspection.QueueInspector(storage);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                await storage.Jobs.SubmitAsync(DashboardRun.AutoscaleQueue, "autoscale-probe", "{}", null, CancellationToken.None);
            }

            // A round every 5 s; the page is pushed a snapshot every 2 s.
            await Assertions.Expect(length).ToHaveTextAsync("3", new() { Timeout = 30_000 });
        }
        finally
        {
            await inspector.DeleteAllAsync(DashboardRun.AutoscaleQueue, CancellationToken.None);
            await page.CloseAsync();
        }
    }
}
