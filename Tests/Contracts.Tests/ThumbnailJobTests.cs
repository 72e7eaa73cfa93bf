using System.Text.Json;

namespace BackgroundRoles.Contracts.Tests;

/// <summary>The thumbnail contract's rules.</summary>
[TestClass]
public sealed class ThumbnailJobTests
{
    [TestMethod]
    [DataRow("image/png")]
    [DataRow("image/jpeg")]
    [DataRow("image/webp")]
    public void Validate_WebRolesJob_HasNoErrors(string contentType)
    {
        Assert.AreEqual(0, new ThumbnailJob(Guid.NewGuid().ToString("N"), contentType).Validate().Count);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("../../secrets")]
    [DataRow("0123456789ABCDEF0123456789ABCDEF")]
    [DataRow("0123456789abcdef0123456789abcdef0")]
    public void Validate_ImageIdNotABlobTheWebRoleMade_NamesImageId(string imageId)
    {
        Assert.IsTrue(new ThumbnailJob(imageId, "image/png").Validate().ContainsKey("imageId"));
    }

    [TestMethod]
    [DataRow("image/gif")]
    [DataRow("text/html")]
    public void Validate_UnsupportedContentType_NamesContentType(string contentType)
    {
        StringAssert.Contains(new ThumbnailJob(Guid.NewGuid().ToString("N"), contentType).Validate()["contentType"][0], "image/png");
    }

    [TestMethod]
    public void Validate_JsonWithNulls_NamesBothFieldsWithoutThrowing()
    {
        var job = JsonSerializer.Deserialize<ThumbnailJob>("{}", new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        CollectionAssert.AreEquivalent(new[] { "imageId", "contentType" }, job.Validate().Keys.ToArray());
    }
}
