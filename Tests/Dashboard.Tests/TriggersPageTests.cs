using System.Text;
using BackgroundRoles.Contracts;
using BackgroundRoles.Dashboard.Tests.Support;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using Microsoft.Playwright;

namespace BackgroundRoles.Dashboard.Tests;

/// <summary>
/// The blob triggers page in a real headless chromium against <c>./cloudservice run</c> and the real worker role,
/// whose trigger on <c>thumbnails-inbox</c> poisons a blob its thumbnail's name could not hold.
/// </summary>
[TestClass]
[BrowserCondition]
public sealed class TriggersPageTests : SharedRunPageTests
{
    private const string Trigger = "blob-trigger-" + JobQueues.ThumbnailsInboxContainer;
    private static readonly float Timeout = (float)DashboardRun.Timeout.TotalMilliseconds;
    [TestMethod]
    public async Task Triggers_PoisonedInboxBlob_ListedWithItsErrorAsText()
    {
        // Markup in the name shows as text; the name (1,015 characters) leaves no room for its thumbnail's: poisoned at once.
        const string Markup = "<img src=x onerror=window.injected=true>";
        var marker = "p/" + Guid.NewGuid().ToString("N") + Markup;
        var name = marker + new string('x', 1015 - marker.Length);
        using (var content = new MemoryStream(Encoding.UTF8.GetBytes("a picture")))
        {
            await JobStorage.Create(TestAzurite.ConnectionString).Blobs.UploadAsync(JobQueues.ThumbnailsInboxContainer, name, content, "image/png", CancellationToken.None);
        }

        var page = await Run.OpenAsync("/triggers");
        var row = page.Locator($"tr.trigger-row[data-trigger='{Trigger}']");
        await Assertions.Expect(row).ToContainTextAsync(JobQueues.ThumbnailsInboxContainer, new() { Timeout = Timeout });
        await Assertions.Expect(row).ToContainTextAsync("(every blob)");
        var failure = page.Locator($"table.failures[data-trigger='{Trigger}'] tr.failure-row", new() { HasText = marker });
        await Assertions.Expect(failure).ToContainTextAsync("PoisonJobException: The blob name is 1015 characters", new() { Timeout = Timeout });
        await Assertions.Expect(failure.Locator("td.state")).ToHaveTextAsync("Poisoned");
        await Assertions.Expect(row.Locator("td.count-poisoned")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("header a.current")).ToHaveTextAsync("Triggers");

        Assert.AreEqual(0, await page.Locator("#content img").CountAsync(), "no markup from the blob's name became an element");
        Assert.IsFalse(await page.EvaluateAsync<bool>("() => window.injected === true"), "no script of the name ran");
        await DashboardRun.ScreenshotAsync(page, TestContext, "dashboard-triggers");
        await page.CloseAsync();
    }
}
