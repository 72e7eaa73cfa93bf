using System.Net;
using System.Text;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>A submission's webhook URL, checked by the web role against <c>Callbacks.AllowedHosts</c>.</summary>
public sealed partial class JobsApiValidationTests
{
    [TestMethod]
    [DataRow("callbackUrl=http://169.254.169.254/latest/meta-data", "not on the allowed hosts")]
    [DataRow("callbackUrl=http://partner.example.com/hook", "not on the allowed hosts")]
    [DataRow("callbackUrl=ftp://127.0.0.1/hook", "absolute http or https")]
    [DataRow("callbackUrl=/relative/hook", "absolute http or https")]
    [DataRow("callbackUrl=http://user:pw@127.0.0.1/hook", "user name")]
    public async Task PostOrder_CallbackUrlNotAllowed_Is400NamingCallbackUrlWithNoMessage(string query, string reason)
    {
        var order = """{"customerEmail":"a@example.com","items":[{"sku":"sku-apple","quantity":1}]}""";
        var body = await AssertRejectedAsync(new StringContent(order, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, string.Empty, "/api/orders?" + query);

        Assert.IsTrue(body.RootElement.GetProperty("errors").TryGetProperty("callbackUrl", out var errors), body.RootElement.ToString());
        StringAssert.Contains(errors.ToString(), reason);
    }

    [TestMethod]
    public async Task PostThumbnail_CallbackUrlOnAllowedHost_Accepted()
    {
        var jobId = await SubmitThumbnailAsync("?callbackUrl=" + Uri.EscapeDataString("http://127.0.0.1:9/hook"));

        Assert.IsFalse(string.IsNullOrEmpty(jobId));
    }
}
