using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests;

[TestClass]
public sealed partial class DocumentTableTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task TryInsertAsync_Existing_ReturnsFalse()
    {
        var table = Table();
        var key = Guid.NewGuid().ToString("N");

        Assert.IsTrue(await table.TryInsertAsync("p", key, new Sample("a", 1), None));
        Assert.IsFalse(await table.TryInsertAsync("p", key, new Sample("b", 2), None));
        Assert.AreEqual(new Sample("a", 1), (await table.GetAsync("p", key, None))!.Value);
    }

    [TestMethod]
    public async Task TryReplaceAsync_StaleETag_ReturnsFalseAndKeepsNewer()
    {
        var table = Table();
        var key = Guid.NewGuid().ToString("N");
        await table.TryInsertAsync("p", key, new Sample("a", 1), None);
        var read = (await table.GetAsync("p", key, None))!;

        Assert.IsTrue(await table.TryReplaceAsync("p", key, new Sample("b", 2), read.ETag, None));
        Assert.IsFalse(await table.TryReplaceAsync("p", key, new Sample("c", 3), read.ETag, None));
        Assert.AreEqual(new Sample("b", 2), (await table.GetAsync("p", key, None))!.Value);
    }

    [TestMethod]
    public async Task GetAsync_Missing_ReturnsNull()
    {
        Assert.IsNull(await Table().GetAsync("p", Guid.NewGuid().ToString("N"), None));
    }

    [TestMethod]
    public async Task UpsertAsync_Twice_LastWins()
    {
        var table = Table();
        var key = Guid.NewGuid().ToString("N");

        await table.UpsertAsync("p", key, new Sample("a", 1), None);
        await table.UpsertAsync("p", key, new Sample("b", 2), None);

        Assert.AreEqual(new Sample("b", 2), (await table.GetAsync("p", key, None))!.Value);
    }

    [TestMethod]
    public async Task GetAsync_KeyWithSlash_Throws()
    {
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => Table().GetAsync("p", "a/b", None));
    }

    private static DocumentTable<Sample> Table() => JobStorage.Create(TestAzurite.ConnectionString).Table<Sample>("documenttests");

    public sealed record Sample(string Name, int Count);
}
