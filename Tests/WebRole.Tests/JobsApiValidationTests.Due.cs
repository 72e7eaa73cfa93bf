using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>Due times, cancellation and the web role's background tasks, with no worker running.</summary>
public sealed partial class JobsApiValidationTests
{
    [TestMethod]
    public async Task Health_WebRoleRunsTheDueJobsMover_ListsItsBackgroundTask()
    {
        using var response = await s_service.Http.GetAsync("/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var background = body.RootElement.GetProperty("background");
        var tasks = background.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t);
        Assert.IsTrue(tasks.TryGetValue("due-jobs", out var mover), body.RootElement.ToString());
        Assert.AreEqual("Running", mover.GetProperty("state").GetString(), mover.ToString());
        Assert.AreEqual(0, mover.GetProperty("restarts").GetInt32());
        Assert.AreEqual(JsonValueKind.Null, mover.GetProperty("lastError").ValueKind);
        Assert.IsTrue(background.GetProperty("healthy").GetBoolean(), background.ToString());
    }

    [TestMethod]
    [DataRow("delay=soon", "delay")]
    [DataRow("delay=-5", "delay")]
    [DataRow("delay=99999999999", "delay")]
    [DataRow("runAt=tomorrow", "runAt")]
    [DataRow("runAt=2999-01-01T00:00:00Z", "runAt")]
    [DataRow("runAt=2030-01-01T00:00:00Z&delay=5", "runAt")]
    [DataRow("cancellable=maybe", "cancellable")]
    public async Task PostOrder_BadDueTime_Is400NamingTheParameterWithNoMessage(string query, string parameter)
    {
        var order = """{"customerEmail":"a@example.com","items":[{"sku":"sku-apple","quantity":1}]}""";
        var body = await AssertRejectedAsync(new StringContent(order, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, string.Empty, "/api/orders?" + query);

        Assert.IsTrue(body.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), body.RootElement.ToString());
    }

    [TestMethod]
    public async Task DeleteJob_ScheduledThumbnail_CancelledAndShownSo()
    {
        var jobId = await SubmitThumbnailAsync("?delay=2");
        using var scheduled = await StatusAsync(jobId);
        Assert.AreEqual("Scheduled", scheduled.RootElement.GetProperty("state").GetString());
        Assert.IsTrue(scheduled.RootElement.GetProperty("cancellable").GetBoolean());
        Assert.AreEqual(JsonValueKind.String, scheduled.RootElement.GetProperty("dueAt").ValueKind);

        using var deleted = await s_service.Http.DeleteAsync($"/api/jobs/{jobId}");
        using var again = await s_service.Http.DeleteAsync($"/api/jobs/{jobId}");
        using var after = await StatusAsync(jobId);

        Assert.AreEqual(HttpStatusCode.OK, deleted.StatusCode, await deleted.Content.ReadAsStringAsync());
        Assert.AreEqual("Cancelled", (await deleted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.AreEqual(HttpStatusCode.OK, again.StatusCode, "a repeated DELETE answers the same");
        Assert.AreEqual("Cancelled", after.RootElement.GetProperty("state").GetString());
    }

    [TestMethod]
    public async Task DeleteJob_QueuedCancellableThumbnail_Cancelled()
    {
        var jobId = await SubmitThumbnailAsync("?cancellable=true");
        using var queued = await StatusAsync(jobId);
        Assert.AreEqual("Queued", queued.RootElement.GetProperty("state").GetString());

        using var deleted = await s_service.Http.DeleteAsync($"/api/jobs/{jobId}");

        Assert.AreEqual(HttpStatusCode.OK, deleted.StatusCode, await deleted.Content.ReadAsStringAsync());
        Assert.AreEqual("Cancelled", (await deleted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
    }

    [TestMethod]
    public async Task DeleteJob_NotCancellable_Is409WithTheReason()
    {
        var jobId = await SubmitThumbnailAsync(string.Empty);

        using var deleted = await s_service.Http.DeleteAsync($"/api/jobs/{jobId}");
        var body = await deleted.Content.ReadAsStringAsync();

        Assert.AreEqual(HttpStatusCode.Conflict, deleted.StatusCode, body);
        StringAssert.Contains(body, "without Cancellable");
    }

    [TestMethod]
    public async Task DeleteJob_Unknown_Is404()
    {
        using var response = await s_service.Http.DeleteAsync("/api/jobs/" + Guid.CreateVersion7().ToString("N"));

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> SubmitThumbnailAsync(string query)
    {
        using var content = new ByteArrayContent(TestImages.Png(20, 10));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var response = await s_service.Http.PostAsync("/api/thumbnails" + query, content);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    private static async Task<JsonDocument> StatusAsync(string jobId) =>
        JsonDocument.Parse(await s_service.Http.GetStringAsync($"/api/jobs/{jobId}"));
}
