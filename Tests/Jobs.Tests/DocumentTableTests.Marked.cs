using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>TryReplaceMarkedAsync: a change made once however often it is tried.</summary>
public sealed partial class DocumentTableTests
{
    [TestMethod]
    public async Task TryReplaceMarkedAsync_SameMarkerTwice_SecondWritesNothing()
    {
        var table = Table();
        var key = Guid.NewGuid().ToString("N");
        await table.TryInsertAsync("p", key, new Sample("a", 10), None);
        var first = (await table.GetAsync("p", key, None))!;

        var applied = await table.TryReplaceMarkedAsync("p", key, new Sample("a", 9), first.ETag, key + ".change-1", None);
        var second = (await table.GetAsync("p", key, None))!;
        var again = await table.TryReplaceMarkedAsync("p", key, new Sample("a", 8), second.ETag, key + ".change-1", None);

        Assert.AreEqual((MarkedReplaceResult.Replaced, MarkedReplaceResult.AlreadyMarked), (applied, again));
        Assert.AreEqual(new Sample("a", 9), (await table.GetAsync("p", key, None))!.Value);
        Assert.IsTrue(await table.ExistsAsync("p", key + ".change-1", None));
    }

    [TestMethod]
    public async Task TryReplaceMarkedAsync_StaleETag_ChangedAndNoMarker()
    {
        var table = Table();
        var key = Guid.NewGuid().ToString("N");
        await table.TryInsertAsync("p", key, new Sample("a", 10), None);
        var read = (await table.GetAsync("p", key, None))!;
        await table.UpsertAsync("p", key, new Sample("b", 5), None);

        var result = await table.TryReplaceMarkedAsync("p", key, new Sample("a", 9), read.ETag, key + ".change-1", None);

        Assert.AreEqual(MarkedReplaceResult.Changed, result);
        Assert.AreEqual(new Sample("b", 5), (await table.GetAsync("p", key, None))!.Value);
        Assert.IsFalse(await table.ExistsAsync("p", key + ".change-1", None));
    }
}
