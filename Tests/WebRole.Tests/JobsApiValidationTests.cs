using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// Bad uploads and bad orders, through HTTP to the real web role with no worker running: the right status code
/// with problem details, and no queue message.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed partial class JobsApiValidationTests
{
    private static RunningService s_service = null!;
    private static JobStorage s_storage = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _ = context;
        s_service = await SharedWebRole.GetAsync();
        s_storage = JobStorage.Create(TestAzurite.ConnectionString);
    }

    [TestMethod]
    public async Task Health_WebRoleReady_Answers200WithStorageAndQueues()
    {
        using var response = await s_service.Http.GetAsync("/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("WebRole_IN_0", body.RootElement.GetProperty("instance").GetString());
        Assert.AreEqual("Ready", body.RootElement.GetProperty("status").GetString());
        Assert.IsTrue(body.RootElement.GetProperty("storage").GetProperty("reachable").GetBoolean());
        Assert.IsTrue(body.RootElement.GetProperty("storage").GetProperty("queues").TryGetProperty(JobQueues.Thumbnails, out _));
        Assert.AreEqual("127.0.0.1", s_service.Http.BaseAddress!.Host, "nothing listens beyond loopback");
    }

    [TestMethod]
    public async Task AnyResponse_OkOrError_NamesTheDeploymentInXDeploymentId()
    {
        using var health = await s_service.Http.GetAsync("/health");
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        var deploymentId = body.RootElement.GetProperty("deploymentId").GetString();
        using var missing = await s_service.Http.GetAsync("/api/jobs/" + Guid.NewGuid().ToString("N"));
        using var rejected = await s_service.Http.PostAsync("/api/orders", new StringContent("{", Encoding.UTF8, "application/json"));

        Assert.IsFalse(string.IsNullOrEmpty(deploymentId), body.RootElement.ToString());
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, rejected.StatusCode);
        foreach (var response in new[] { health, missing, rejected })
        {
            Assert.AreEqual(deploymentId, response.Headers.GetValues("X-Deployment-Id").Single(), $"{response.RequestMessage?.RequestUri}: {response.StatusCode}");
        }
    }

    [TestMethod]
    public async Task PostThumbnail_NotAnImage_Is400WithNoMessage()
    {
        await AssertRejectedAsync(Raw(Encoding.UTF8.GetBytes("this is not an image at all"), "image/png"), HttpStatusCode.BadRequest, "not a png, jpeg or webp");
    }

    [TestMethod]
    public async Task PostThumbnail_DamagedPngHeader_Is400WithNoMessage()
    {
        var damaged = TestImages.Png(10, 10)[..20];

        await AssertRejectedAsync(Raw(damaged, "image/png"), HttpStatusCode.BadRequest, "cannot be read");
    }

    [TestMethod]
    public async Task PostThumbnail_TooManyPixels_Is400WithNoMessage()
    {
        await AssertRejectedAsync(Raw(TestImages.Png(8001, 2), "image/png"), HttpStatusCode.BadRequest, "8001 x 2");
    }

    [TestMethod]
    public async Task PostThumbnail_OverTenMegabytes_Is413WithNoMessage()
    {
        var big = new byte[(10 * 1024 * 1024) + 1];
        TestImages.Png(1, 1).CopyTo(big, 0);

        await AssertRejectedAsync(Raw(big, "image/png"), HttpStatusCode.RequestEntityTooLarge, "too large");
    }

    [TestMethod]
    public async Task PostThumbnail_EmptyBody_Is400()
    {
        await AssertRejectedAsync(Raw([], "image/png"), HttpStatusCode.BadRequest, "empty");
    }

    [TestMethod]
    [DataRow("""{"customerEmail":"not-an-email","items":[{"sku":"sku-apple","quantity":1}]}""", "customerEmail")]
    [DataRow("""{"customerEmail":"a@example.com","items":[]}""", "items")]
    [DataRow("""{"customerEmail":"a@example.com","items":[{"sku":"sku-nope","quantity":1}]}""", "items[0].sku")]
    [DataRow("""{"customerEmail":"a@example.com","items":[{"sku":"sku-apple","quantity":0}]}""", "items[0].quantity")]
    [DataRow("""{"customerEmail":"a@example.com","items":[{"sku":"sku-apple","quantity":1},{"sku":"sku-apple","quantity":2}]}""", "items")]
    public async Task PostOrder_InvalidField_Is400NamingTheFieldWithNoMessage(string json, string field)
    {
        var body = await AssertRejectedAsync(new StringContent(json, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, string.Empty, "/api/orders");

        Assert.IsTrue(body.RootElement.GetProperty("errors").TryGetProperty(field, out _), body.RootElement.ToString());
    }

    [TestMethod]
    public async Task PostOrder_NotJson_Is400WithNoMessage()
    {
        await AssertRejectedAsync(new StringContent("{ nope", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "not valid JSON", "/api/orders");
    }

    [TestMethod]
    public async Task GetJob_Unknown_Is404()
    {
        using var response = await s_service.Http.GetAsync("/api/jobs/does-not-exist");

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    [TestMethod]
    public async Task PostOrder_SameIdempotencyKeyTwice_ReturnsTheFirstJob()
    {
        var order = new { customerEmail = "twice@example.com", items = new[] { new { sku = "sku-pear", quantity = 2 } } };
        var key = Guid.NewGuid().ToString("N");

        using var first = await PostOrderAsync(order, key);
        using var second = await PostOrderAsync(order, key);

        Assert.AreEqual(HttpStatusCode.Accepted, first.StatusCode);
        Assert.AreEqual(HttpStatusCode.Accepted, second.StatusCode);
        Assert.AreEqual(first.Headers.Location, second.Headers.Location);
        Assert.IsTrue((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadySubmitted").GetBoolean());
    }

    private static async Task<HttpResponseMessage> PostOrderAsync(object order, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(order) };
        request.Headers.Add("Idempotency-Key", key);
        return await s_service.Http.SendAsync(request);
    }

    private static ByteArrayContent Raw(byte[] content, string contentType)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return body;
    }

    private static async Task<JsonDocument> AssertRejectedAsync(HttpContent content, HttpStatusCode expected, string detail, string path = "/api/thumbnails")
    {
        var queue = path.StartsWith("/api/orders", StringComparison.Ordinal) ? JobQueues.Orders : JobQueues.Thumbnails;
        var before = await s_storage.GetApproximateQueueDepthAsync(queue, CancellationToken.None);

        using var response = await s_service.Http.PostAsync(path, content);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.AreEqual(expected, response.StatusCode, body.RootElement.ToString());
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(body.RootElement.ToString(), detail);
        Assert.AreEqual(before, await s_storage.GetApproximateQueueDepthAsync(queue, CancellationToken.None), "no queue message");
        return body;
    }
}
