using System.Text.Encodings.Web;
using System.Text.Json;
using BackgroundRoles.Contracts;
using BackgroundRoles.Dashboard.Tests.Support;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using Microsoft.Playwright;

namespace BackgroundRoles.Dashboard.Tests;

/// <summary>
/// The queue, job and schedule pages in a real headless chromium against <c>./cloudservice run</c> and the real
/// worker role: a poison message requeued from the page is processed, a payload with markup shows as text.
/// </summary>
[TestClass]
[BrowserCondition]
public sealed class StoragePagesTests : SharedRunPageTests
{
    // A 1 x 1 png.
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private static readonly float Timeout = (float)DashboardRun.Timeout.TotalMilliseconds;
    [TestMethod]
    public async Task PoisonMessage_RequeuedFromThePage_IsProcessed()
    {
        // A thumbnail job whose upload is not there yet is poisoned at its first delivery; the upload then arrives.
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var imageId = Guid.NewGuid().ToString("N");
        var job = await SubmitThumbnailAsync(storage, imageId);
        await WaitForStateAsync(storage, job, JobState.Poisoned);
        using (var image = new MemoryStream(Convert.FromBase64String(TinyPng)))
        {
            await storage.Blobs.UploadAsync(JobQueues.UploadsContainer, imageId, image, "image/png", CancellationToken.None);
        }

        var page = await Run.OpenAsync("/queues?queue=thumbnails-poison");
        var row = page.Locator($"tr.message-row[data-job-id='{job}']");
        await Assertions.Expect(row).ToContainTextAsync("Rejected after 1 attempts", new() { Timeout = Timeout });
        await Assertions.Expect(row).ToContainTextAsync($"The uploaded image {imageId} does not exist.");
        await Assertions.Expect(page.Locator("tr[data-queue='thumbnails'] .poison-depth")).Not.ToHaveTextAsync("0", new() { Timeout = Timeout });
        await DashboardRun.ScreenshotAsync(page, TestContext, "dashboard-queues");

        await row.Locator("button.requeue").ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("requeued to its source queue");
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = Timeout });

        var done = await WaitForStateAsync(storage, job, JobState.Succeeded);
        Assert.AreEqual(1, done.Attempts, "the requeued message starts counting again");
        var jobs = await Run.OpenAsync($"/jobs?id={job}");
        await Assertions.Expect(jobs.Locator("#job")).ToContainTextAsync("Succeeded", new() { Timeout = Timeout });
        await Assertions.Expect(jobs.Locator("#result-blob")).ToHaveTextAsync($"{JobQueues.ThumbnailsContainer}/{job}");
        var poisoned = jobs.Locator("#history-failures tr.attempt-row");
        await Assertions.Expect(poisoned).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Assertions.Expect(poisoned).ToContainTextAsync("poisoned", new() { Timeout = Timeout });
        await Assertions.Expect(poisoned).ToContainTextAsync($"The uploaded image {imageId} does not exist.");
        await Assertions.Expect(jobs.Locator($"tr.job-row[data-job-id='{job}']")).ToContainTextAsync("Succeeded", new() { Timeout = Timeout });
        await DashboardRun.ScreenshotAsync(jobs, TestContext, "dashboard-jobs");
        await page.CloseAsync();
        await jobs.CloseAsync();
    }

    [TestMethod]
    public async Task PoisonMessage_WithScriptInItsPayload_RendersAsText()
    {
        const string Script = "<script>window.injected = true</script><img src=x onerror=window.injected=true>";
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var job = await SubmitThumbnailAsync(storage, Script);
        await WaitForStateAsync(storage, job, JobState.Poisoned);

        var page = await Run.OpenAsync("/queues?queue=thumbnails-poison");
        var row = page.Locator($"tr.message-row[data-job-id='{job}']");
        await Assertions.Expect(row.Locator("pre.payload").Last).ToContainTextAsync(Script, new() { Timeout = Timeout });
        Assert.AreEqual(0, await page.Locator("#messages script, #messages img").CountAsync(), "no markup from the payload became an element");
        Assert.IsFalse(await page.EvaluateAsync<bool>("() => window.injected === true"), "no script of the payload ran");
        await row.Locator("button.delete").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = Timeout });
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task Schedules_WorkerDeclaresItsCleanup_ListedWithItsExpression()
    {
        var page = await Run.OpenAsync("/schedules");
        var row = page.Locator("#schedules tr", new() { HasText = "job-cleanup" });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(row).ToContainTextAsync("0 3 * * *");
        await DashboardRun.ScreenshotAsync(page, TestContext, "dashboard-schedules");
        await page.CloseAsync();
    }

    private static async Task<string> SubmitThumbnailAsync(JobStorage storage, string imageId)
    {
        // Markup written as it is, not escaped to \u003C as System.Text.Json does by default: as any client may send it.
        var payload = JsonSerializer.Serialize(new ThumbnailJob(imageId, "image/png"), new JsonSerializerOptions(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return (await storage.Jobs.SubmitAsync(JobQueues.Thumbnails, JobTypes.Thumbnail, payload, null, CancellationToken.None)).JobId;
    }

    private static async Task<JobStatus> WaitForStateAsync(JobStorage storage, string job, JobState state)
    {
        var deadline = DateTime.UtcNow + DashboardRun.Timeout;
        while (true)
        {
            if (await storage.Statuses.GetAsync(job, CancellationToken.None) is { } status && status.State == state)
            {
                return status;
            }

            Assert.IsLessThan(deadline, DateTime.UtcNow, $"job {job} never {state}");
            await Task.Delay(200);
        }
    }
}
