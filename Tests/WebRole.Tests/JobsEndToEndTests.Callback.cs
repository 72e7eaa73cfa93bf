using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BackgroundRoles.Jobs.Callbacks;
using BackgroundRoles.Tests;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>A webhook from the real worker process to a receiver on loopback.</summary>
public sealed partial class JobsEndToEndTests
{
    [TestMethod]
    public async Task Thumbnail_SubmittedWithCallbackUrl_OneSignedPostWithTheFinalStatusAndDeliveredShown()
    {
        await using var receiver = WebhookReceiver.Start();
        using var content = new ByteArrayContent(TestImages.Png(40, 20));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        using var response = await s_service.Http.PostAsync("/api/thumbnails?callbackUrl=" + Uri.EscapeDataString(receiver.Url().AbsoluteUri), content);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement status;
        do
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, "the callback's outcome was never recorded");
            await Task.Delay(200);
            status = await s_service.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
        }
        while (status.GetProperty("callback").ValueKind == JsonValueKind.Null);

        Assert.AreEqual("Delivered", status.GetProperty("callback").GetProperty("outcome").GetString(), status.ToString());
        var callback = receiver.Received.Single();
        Assert.IsTrue(CallbackSignature.Verify(CallbackSigningKey, callback.Timestamp, callback.Signature, callback.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)), callback.ToString());
        var body = JsonDocument.Parse(callback.Body).RootElement;
        Assert.AreEqual(jobId, body.GetProperty("jobId").GetString());
        Assert.AreEqual("Succeeded", body.GetProperty("state").GetString());
        Assert.AreEqual(status.GetProperty("resultUrl").GetString(), body.GetProperty("resultUrl").GetString());
    }
}
