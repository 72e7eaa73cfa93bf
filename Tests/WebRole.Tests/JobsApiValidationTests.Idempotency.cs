using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackgroundRoles.Contracts;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>An Idempotency-Key stands for one request: a retry gets the first job, another request with it gets 422.</summary>
public sealed partial class JobsApiValidationTests
{
    [TestMethod]
    public async Task PostOrder_SameKeyDifferentBody_Is422AndStoresNothing()
    {
        var key = Guid.NewGuid().ToString("N");
        using var first = await PostOrderAsync(new { customerEmail = "first@example.com", items = new[] { new { sku = "sku-pear", quantity = 2 } } }, key);
        Assert.AreEqual(HttpStatusCode.Accepted, first.StatusCode);
        var depth = await s_storage.GetApproximateQueueDepthAsync(JobQueues.Orders, CancellationToken.None);

        using var second = await PostOrderAsync(new { customerEmail = "first@example.com", items = new[] { new { sku = "sku-pear", quantity = 20 } } }, key);
        var body = await second.Content.ReadAsStringAsync();

        Assert.AreEqual((HttpStatusCode)422, second.StatusCode, body);
        Assert.AreEqual("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(body, "different request");
        Assert.AreEqual(depth, await s_storage.GetApproximateQueueDepthAsync(JobQueues.Orders, CancellationToken.None), "no message");

        using var retry = await PostOrderAsync(new { customerEmail = "first@example.com", items = new[] { new { sku = "sku-pear", quantity = 2 } } }, key);
        Assert.AreEqual(HttpStatusCode.Accepted, retry.StatusCode, "the key still stands for the first request");
        Assert.AreEqual(first.Headers.Location, retry.Headers.Location);
    }

    [TestMethod]
    public async Task PostThumbnail_SameKeyDifferentImage_Is422AndLeavesNoBlob()
    {
        var key = Guid.NewGuid().ToString("N");
        using var first = await PostThumbnailAsync(TestImages.Png(30, 20), key);
        Assert.AreEqual(HttpStatusCode.Accepted, first.StatusCode, await first.Content.ReadAsStringAsync());
        var blobs = await StorageProbe.BlobCountAsync(JobQueues.UploadsContainer);
        var depth = await s_storage.GetApproximateQueueDepthAsync(JobQueues.Thumbnails, CancellationToken.None);

        using var second = await PostThumbnailAsync(TestImages.Png(31, 20), key);

        Assert.AreEqual((HttpStatusCode)422, second.StatusCode, await second.Content.ReadAsStringAsync());
        Assert.AreEqual(blobs, await StorageProbe.BlobCountAsync(JobQueues.UploadsContainer), "no upload blob for the refused request");
        Assert.AreEqual(depth, await s_storage.GetApproximateQueueDepthAsync(JobQueues.Thumbnails, CancellationToken.None), "no message");
    }

    [TestMethod]
    public async Task PostThumbnail_SameKeySameImageThrice_OneJobAndOneBlob()
    {
        var key = Guid.NewGuid().ToString("N");
        var image = TestImages.Png(40, 20);
        var blobs = await StorageProbe.BlobCountAsync(JobQueues.UploadsContainer);

        var answers = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostThumbnailAsync(image, key);
            Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode);
            answers.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        Assert.AreEqual(1, answers.Select(a => a.GetProperty("jobId").GetString()).Distinct().Count());
        Assert.IsTrue(answers.Skip(1).All(a => a.GetProperty("alreadySubmitted").GetBoolean()));
        Assert.AreEqual(blobs + 1, await StorageProbe.BlobCountAsync(JobQueues.UploadsContainer), "one upload blob, not one per retry");
    }

    private static async Task<HttpResponseMessage> PostThumbnailAsync(byte[] image, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/thumbnails") { Content = Raw(image, "image/png") };
        request.Headers.Add("Idempotency-Key", key);
        return await s_service.Http.SendAsync(request);
    }
}
