using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BackgroundRoles.Contracts;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>Malformed requests and images: always a 4xx problem details naming the problem, never a 500.</summary>
public sealed partial class JobsApiValidationTests
{
    [TestMethod]
    public async Task PostThumbnail_MultipartWithoutBoundary_Is400()
    {
        var content = new ByteArrayContent(TestImages.Png(10, 10));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");

        await AssertRejectedAsync(content, HttpStatusCode.BadRequest, "boundary");
    }

    [TestMethod]
    public async Task PostThumbnail_MultipartEndingBeforeItsClosingBoundary_Is400()
    {
        var body = Encoding.ASCII.GetBytes("--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n")
            .Concat(TestImages.Png(10, 10)).ToArray();
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b1");

        await AssertRejectedAsync(content, HttpStatusCode.BadRequest, "malformed");
    }

    /// <summary>A client that ends its side mid-body gets no answer from Kestrel (it drops the connection), and must cause no 500 and no job.</summary>
    [TestMethod]
    public async Task PostThumbnail_BodyEndingBeforeItsContentLength_NoServerErrorAndNoMessage()
    {
        var image = TestImages.Png(10, 10);
        var before = await s_storage.GetApproximateQueueDepthAsync(JobQueues.Thumbnails, CancellationToken.None);

        var response = await RawHttp.SendAsync(
            s_service.Http.BaseAddress!,
            $"POST /api/thumbnails HTTP/1.1\r\nContent-Type: image/png\r\nContent-Length: {image.Length + 1000}",
            [image]);

        Assert.IsTrue(response.Status is 0 or 400, response.Head + response.Body);
        Assert.AreEqual(before, await s_storage.GetApproximateQueueDepthAsync(JobQueues.Thumbnails, CancellationToken.None));
        using var health = await s_service.Http.GetAsync("/health");
        Assert.AreEqual(HttpStatusCode.OK, health.StatusCode);
        Assert.IsFalse(s_service.Web.Output.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase), s_service.Web.Output);
    }

    [TestMethod]
    public async Task PostOrder_ElevenMegabytesChunked_Is413()
    {
        var response = await RawHttp.SendAsync(
            s_service.Http.BaseAddress!,
            "POST /api/orders HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
            RawHttp.Chunked(11L * 1024 * 1024, (byte)' '));

        Assert.AreEqual(413, response.Status, response.Head + response.Body);
        StringAssert.Contains(response.Head, "application/problem+json");
        StringAssert.Contains(response.Body, "too large");
    }

    [TestMethod]
    public async Task PostThumbnail_ElevenMegabytesChunked_Is413()
    {
        var response = await RawHttp.SendAsync(
            s_service.Http.BaseAddress!,
            "POST /api/thumbnails HTTP/1.1\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked",
            RawHttp.Chunked(11L * 1024 * 1024, 0x89));

        Assert.AreEqual(413, response.Status, response.Head + response.Body);
        StringAssert.Contains(response.Head, "application/problem+json");
    }

    [TestMethod]
    public async Task PostThumbnail_TextContentType_Is415()
    {
        await AssertRejectedAsync(Raw(TestImages.Png(10, 10), "text/plain"), HttpStatusCode.UnsupportedMediaType, "text/plain");
    }

    [TestMethod]
    public async Task PostThumbnail_UrlEncodedForm_Is415()
    {
        await AssertRejectedAsync(new FormUrlEncodedContent([new("file", "x")]), HttpStatusCode.UnsupportedMediaType, "multipart/form-data");
    }

    [TestMethod]
    public async Task PostOrder_TextContentType_Is415()
    {
        await AssertRejectedAsync(new StringContent("""{"customerEmail":"a@example.com"}""", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, "application/json", "/api/orders");
    }

    [TestMethod]
    [DataRow("""{"customerEmail":"a@example.com","items":[{"sku":"sku-apple","quantity":1.5}]}""")]
    [DataRow("""{"customerEmail":"a@example.com","items":[{"sku":"sku-apple","quantity":99999999999}]}""")]
    [DataRow("""{"customerEmail":"a@example.com","items":{"sku":"sku-apple"}}""")]
    public async Task PostOrder_WrongJsonTypes_Is400(string json)
    {
        await AssertRejectedAsync(new StringContent(json, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "not valid JSON", "/api/orders");
    }

    [TestMethod]
    public async Task PostOrder_NullLine_Is400NamingTheLine()
    {
        var body = await AssertRejectedAsync(new StringContent("""{"customerEmail":"a@example.com","items":[null]}""", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, string.Empty, "/api/orders");

        Assert.IsTrue(body.RootElement.GetProperty("errors").TryGetProperty("items[0].sku", out _), body.RootElement.ToString());
    }

    [TestMethod]
    public async Task PostOrder_NegativeQuantity_Is400NamingTheQuantity()
    {
        var body = await AssertRejectedAsync(new StringContent("""{"customerEmail":"a@example.com","items":[{"sku":"sku-apple","quantity":-5}]}""", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, string.Empty, "/api/orders");

        Assert.IsTrue(body.RootElement.GetProperty("errors").TryGetProperty("items[0].quantity", out _), body.RootElement.ToString());
    }

    [TestMethod]
    public async Task PostThumbnail_TruncatedPng_Is400SayingTruncated()
    {
        var cut = TestImages.Truncated(TestImages.NoisyPng(64, 64), 0.6);

        await AssertRejectedAsync(Raw(cut, "image/png"), HttpStatusCode.BadRequest, "png image is truncated");
    }

    [TestMethod]
    public async Task PostThumbnail_TruncatedJpeg_Is400SayingTruncated()
    {
        var cut = TestImages.Truncated(TestImages.Jpeg(200, 200), 0.7);

        await AssertRejectedAsync(Raw(cut, "image/jpeg"), HttpStatusCode.BadRequest, "jpeg image is truncated");
    }

    [TestMethod]
    public async Task PostThumbnail_TruncatedWebp_Is400SayingTruncated()
    {
        var cut = TestImages.Truncated(TestImages.Webp(200, 200), 0.7);

        await AssertRejectedAsync(Raw(cut, "image/webp"), HttpStatusCode.BadRequest, "webp image is truncated");
    }

    [TestMethod]
    public async Task PostThumbnail_SmallFileDeclaringHugeDimensions_Is400FromTheHeader()
    {
        var bomb = TestImages.SolidGreyPng(30000, 30000, rows: 1);
        Assert.IsTrue(bomb.Length < 1024, $"the file is {bomb.Length} bytes");

        await AssertRejectedAsync(Raw(bomb, "image/png"), HttpStatusCode.BadRequest, "30000 x 30000");
    }

    [TestMethod]
    public async Task GetJob_IdThatIsNoTableKey_Is404()
    {
        using var response = await s_service.Http.GetAsync("/api/jobs/a%23b%3Fc");

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    [TestMethod]
    public async Task PostThumbnail_ProblemDetails_NeverCarryAStackTrace()
    {
        var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=");

        using var response = await s_service.Http.PostAsync("/api/thumbnails", content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.IsTrue((int)response.StatusCode is >= 400 and < 500, $"{response.StatusCode}: {text}");
        Assert.IsFalse(text.Contains("   at ", StringComparison.Ordinal), text);
        _ = JsonDocument.Parse(text);
        Assert.AreEqual(new MediaTypeHeaderValue("application/problem+json").MediaType, response.Content.Headers.ContentType?.MediaType);
    }
}
