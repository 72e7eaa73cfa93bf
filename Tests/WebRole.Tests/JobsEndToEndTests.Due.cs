using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>Jobs due later and cancelled ones, through the web role to the real worker.</summary>
public sealed partial class JobsEndToEndTests
{
    [TestMethod]
    public async Task Order_DueInThreeSeconds_ScheduledThenRunsNotBefore()
    {
        var submittedAt = DateTimeOffset.UtcNow;
        var jobId = await SubmitOrderAsync("?delay=3", "later@example.com", ("sku-fig", 1));
        var scheduled = await s_service.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");

        var status = await s_service.WaitForJobAsync(jobId);

        Assert.AreEqual("Scheduled", scheduled.GetProperty("state").GetString(), scheduled.ToString());
        var dueAt = scheduled.GetProperty("dueAt").GetDateTimeOffset();
        Assert.IsTrue(dueAt >= submittedAt.AddSeconds(3), scheduled.ToString());
        Assert.AreEqual("Succeeded", status.GetProperty("state").GetString(), status.ToString());
        Assert.IsTrue(status.GetProperty("startedAt").GetDateTimeOffset() >= dueAt.AddMilliseconds(-50), $"started before it was due: {status}");
    }

    [TestMethod]
    public async Task Order_CancelledWhileScheduled_NeverRuns()
    {
        var before = await StockAsync("sku-fig");
        var jobId = await SubmitOrderAsync("?delay=2", "cancel@example.com", ("sku-fig", 2));

        using var deleted = await s_service.Http.DeleteAsync($"/api/jobs/{jobId}");
        Assert.AreEqual(HttpStatusCode.OK, deleted.StatusCode, await deleted.Content.ReadAsStringAsync());

        // Past the due time the worker takes the message, finds the job Cancelled and deletes the message unrun.
        var later = await SubmitOrderAsync("?delay=2", "after-the-cancelled@example.com", ("sku-plum", 1));
        Assert.AreEqual("Succeeded", (await s_service.WaitForJobAsync(later)).GetProperty("state").GetString());
        await WaitUntilAsync(async () => await s_storage.GetApproximateQueueDepthAsync(Contracts.JobQueues.Orders, CancellationToken.None) == 0);

        Assert.AreEqual("Cancelled", (await s_service.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}")).GetProperty("state").GetString());
        Assert.AreEqual(before, await StockAsync("sku-fig"), "no stock taken");
        Assert.IsNull(await PaymentAsync(jobId), "no payment");
    }

    [TestMethod]
    public async Task DeleteJob_Finished_Is409WithTheReason()
    {
        var jobId = await SubmitOrderAsync("?cancellable=true", "done@example.com", ("sku-plum", 1));
        Assert.AreEqual("Succeeded", (await s_service.WaitForJobAsync(jobId)).GetProperty("state").GetString());

        using var deleted = await s_service.Http.DeleteAsync($"/api/jobs/{jobId}");
        var body = await deleted.Content.ReadAsStringAsync();

        Assert.AreEqual(HttpStatusCode.Conflict, deleted.StatusCode, body);
        StringAssert.Contains(body, "has ended (Succeeded)");
    }

    private static async Task<string> SubmitOrderAsync(string query, string email, params (string Sku, int Quantity)[] lines)
    {
        var order = new { customerEmail = email, items = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray() };
        using var response = await s_service.Http.PostAsJsonAsync("/api/orders" + query, order);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }
}
