using BackgroundRoles.Dashboard.Tests.Support;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using Microsoft.Playwright;

namespace BackgroundRoles.Dashboard.Tests;

/// <summary>
/// A job's history on the jobs page in a real headless chromium: the dashboard server over the test Azurite, and a
/// real queue processor in the test process whose job fails once and then succeeds, or is poisoned after saving a
/// checkpoint.
/// </summary>
[TestClass]
[BrowserCondition]
public sealed class JobHistoryPageTests
{
    private const string Token = "0123456789ABCDEF0123456789ABCDEF";
    private static readonly float Timeout = (float)DashboardRun.Timeout.TotalMilliseconds;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task JobHistory_FailedOnceThenSucceeded_ShowsBothAttemptsAndTheError()
    {
        await using var worker = new FlakyWorker(JobStorage.Create(TestAzurite.ConnectionString));
        var job = await worker.SubmitAsync("fail-once");
        await worker.WaitForStateAsync(job, JobState.Succeeded);
        using var source = new TestSource();
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, StorageConnectionString = TestAzurite.ConnectionString });
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await SignedInPageAsync(browser, server, $"jobs?id={job}");

        await Assertions.Expect(page.Locator("#history-attempts")).ToHaveTextAsync("2 attempts began; 1 did not succeed; the last succeeded.", new() { Timeout = Timeout });
        var attempt = page.Locator("#history-failures tr.attempt-row");
        await Assertions.Expect(attempt).ToHaveCountAsync(1);
        await Assertions.Expect(attempt.Locator("td").Nth(0)).ToHaveTextAsync("1");
        await Assertions.Expect(attempt.Locator("td").Nth(3)).ToHaveTextAsync("retried");
        await Assertions.Expect(attempt.Locator("pre")).ToHaveTextAsync("System.InvalidOperationException: " + FlakyWorker.FirstError);
        await Assertions.Expect(page.Locator("#history-messages")).ToContainTextAsync("Checkpoint: not known; its message was deleted when the job ended");
        Assert.AreEqual(0, await page.Locator("#job b").CountAsync(), "the error's markup is text");
        await DashboardRun.ScreenshotAsync(page, TestContext, "dashboard-job-history");
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task JobHistory_Poisoned_ShowsThePoisonRecordAndTheCheckpointAsText()
    {
        await using var worker = new FlakyWorker(JobStorage.Create(TestAzurite.ConnectionString));
        var job = await worker.SubmitAsync("poison");
        await worker.WaitForStateAsync(job, JobState.Poisoned);
        using var source = new TestSource();
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, StorageConnectionString = TestAzurite.ConnectionString });
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await SignedInPageAsync(browser, server, $"jobs?id={job}");

        var message = page.Locator("#history-messages tr.history-message");
        await Assertions.Expect(message).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Assertions.Expect(message.Locator("td").Nth(0)).ToHaveTextAsync(worker.Queue + "-poison");
        await Assertions.Expect(message.Locator("pre.checkpoint")).ToHaveTextAsync(FlakyWorker.Checkpoint);
        await Assertions.Expect(message).ToContainTextAsync($"Rejected after 1 attempts: {typeof(PoisonJobException).FullName}: {FlakyWorker.PoisonError}");
        await Assertions.Expect(page.Locator("#history-failures tr.attempt-row td").Nth(3)).ToHaveTextAsync("poisoned");
        Assert.AreEqual(0, await page.Locator("#job b").CountAsync(), "the checkpoint's markup is text");
        await page.CloseAsync();
    }

    private static async Task<IPage> SignedInPageAsync(BrowserSession browser, DashboardServer server, string path)
    {
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(server.LoginUrl.ToString());
        await page.GotoAsync(new Uri(server.Url, path).ToString());
        return page;
    }
}
