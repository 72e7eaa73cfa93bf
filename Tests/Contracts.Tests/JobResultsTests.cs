namespace BackgroundRoles.Contracts.Tests;

/// <summary>Where a succeeded job's result is served: the rule the web role's status answer and the worker's callbacks share.</summary>
[TestClass]
public sealed class JobResultsTests
{
    [TestMethod]
    public void UrlOf_Thumbnail_IsTheWebRolesThumbnailRoute()
    {
        Assert.AreEqual("/api/thumbnails/0195f3a1c0de7000a000000000000001", JobResults.UrlOf(JobTypes.Thumbnail, "0195f3a1c0de7000a000000000000001"));
    }

    [TestMethod]
    public void UrlOf_Order_IsNull()
    {
        Assert.IsNull(JobResults.UrlOf(JobTypes.Order, "0195f3a1c0de7000a000000000000002"));
    }
}
