using BackgroundRoles.Dashboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace BackgroundRoles.Dashboard.Tests;

/// <summary>
/// The instance page in a real headless chromium against the dashboard server over a test source on a fake clock:
/// a task's last error shows its stack as text, collapsed until opened, and the uptime moves with the clock.
/// </summary>
[TestClass]
[BrowserCondition]
public sealed class InstancePageTests
{
    private const string Token = "0123456789ABCDEF0123456789ABCDEF";

    [TestMethod]
    public async Task TaskLastError_WithAStack_CollapsedAndShownAsText()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var source = new TestSource(time);
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, TimeProvider = time });
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await SignedInPageAsync(browser, server, $"instance?id={TestSource.InstanceId}");

        var stack = page.Locator($"details.stack[data-task='{TestSource.FailingTask}']");
        await Assertions.Expect(stack.Locator("summary")).ToHaveTextAsync("System.InvalidOperationException: disk <b>full</b>");
        Assert.IsFalse(await stack.EvaluateAsync<bool>("d => d.open"), "collapsed by default");
        await Assertions.Expect(stack.Locator("pre.stack-text")).Not.ToBeVisibleAsync();

        await stack.Locator("summary").ClickAsync();
        await Assertions.Expect(stack.Locator("pre.stack-text")).ToBeVisibleAsync();
        Assert.AreEqual(TestSource.Stack, await stack.Locator("pre.stack-text").TextContentAsync(), "the stack whole, as text");
        Assert.AreEqual(0, await page.Locator("#content b, #content script").CountAsync(), "no markup of the error became an element");
        Assert.IsFalse(await page.EvaluateAsync<bool>("() => window.injected === true"));

        // A pushed snapshot redraws the page; the stack the person opened stays open.
        time.Advance(TimeSpan.FromSeconds(5));
        await page.Locator("#recycle").ClickAsync();
        await Assertions.Expect(page.Locator("#uptime")).ToHaveTextAsync("5s");
        Assert.IsTrue(await stack.EvaluateAsync<bool>("d => d.open"), "still open after the redraw");
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task Uptime_ClockMoves_ShownAndGrowingOnBothPages()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var source = new TestSource(time);
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, TimeProvider = time });
        await using var browser = await HeadlessChromium.LaunchAsync();
        var instance = await SignedInPageAsync(browser, server, $"instance?id={TestSource.InstanceId}");
        var overview = await browser.Context.NewPageAsync();
        await overview.GotoAsync(server.Url.ToString());

        await Assertions.Expect(instance.Locator("#uptime")).ToHaveTextAsync("0s");
        await Assertions.Expect(overview.Locator($"td[data-uptime='{TestSource.InstanceId}']")).ToHaveTextAsync("0s");

        // The live feed's timer runs on the dashboard's clock: each push carries the uptime of that moment.
        time.Advance(TimeSpan.FromSeconds(95));
        await Assertions.Expect(instance.Locator("#uptime")).ToHaveTextAsync("1m 35s");
        await Assertions.Expect(overview.Locator($"td[data-uptime='{TestSource.InstanceId}']")).ToHaveTextAsync("1m 35s");
        time.Advance(TimeSpan.FromHours(2));
        await Assertions.Expect(overview.Locator($"td[data-uptime='{TestSource.InstanceId}']")).ToHaveTextAsync("2h 1m");
        await instance.CloseAsync();
        await overview.CloseAsync();
    }

    private static async Task<IPage> SignedInPageAsync(BrowserSession browser, DashboardServer server, string path)
    {
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(server.LoginUrl.ToString());
        await page.GotoAsync(new Uri(server.Url, path).ToString());
        return page;
    }
}
