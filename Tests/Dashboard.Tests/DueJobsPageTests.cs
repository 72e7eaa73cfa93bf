using BackgroundRoles.Dashboard.Tests.Support;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using Microsoft.Playwright;

namespace BackgroundRoles.Dashboard.Tests;

/// <summary>
/// The due jobs on the jobs page in a real headless chromium: the dashboard server over the test Azurite, jobs
/// submitted with a due time through the jobs library (one type per test, which the page's type filter selects), the
/// count, the next due times, where each waits, and Cancel.
/// </summary>
[TestClass]
[BrowserCondition]
public sealed class DueJobsPageTests
{
    private const string Token = "0123456789ABCDEF0123456789ABCDEF";
    private static readonly float Timeout = (float)DashboardRun.Timeout.TotalMilliseconds;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task JobsPage_DueJobs_ShowsThemNextDueFirstAndCancelsOne()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var type = "due-page-" + Guid.NewGuid().ToString("N")[..8];
        var far = (await storage.Jobs.SubmitAsync("dashboard-due", type, "{}", new SubmitOptions { Delay = TimeSpan.FromDays(30) }, CancellationToken.None)).JobId;
        var near = (await storage.Jobs.SubmitAsync("dashboard-due", type, "{}", new SubmitOptions { Delay = TimeSpan.FromMinutes(30) }, CancellationToken.None)).JobId;
        using var source = new TestSource();
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, StorageConnectionString = TestAzurite.ConnectionString });
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(server.LoginUrl.ToString());
        await page.GotoAsync(new Uri(server.Url, $"jobs?type={type}").ToString());

        await Assertions.Expect(page.Locator("#due-summary")).ToContainTextAsync("2 jobs wait for their due time; next due: ", new() { Timeout = Timeout });
        var rows = page.Locator("#due-jobs tr.due-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        Assert.AreEqual(near, await rows.Nth(0).GetAttributeAsync("data-job-id"), "the next due first");
        await Assertions.Expect(rows.Nth(0).Locator("td.waits-in")).ToHaveTextAsync("its queue, hidden until due");
        await Assertions.Expect(rows.Nth(1).Locator("td.waits-in")).ToContainTextAsync("jobsdue");
        await DashboardRun.ScreenshotAsync(page, TestContext, "dashboard-due-jobs");

        await page.Locator($"button.cancel[data-job-id='{far}']").ClickAsync();

        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync($"job {far} cancelled", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#due-summary")).ToContainTextAsync("1 job waits for its due time", new() { Timeout = Timeout });
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        Assert.AreEqual(JobState.Cancelled, (await storage.Statuses.GetAsync(far, CancellationToken.None))!.State);
        await page.CloseAsync();
    }
}
