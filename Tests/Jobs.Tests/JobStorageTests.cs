using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests;

[TestClass]
public sealed partial class JobStorageTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public void Create_Garbage_ThrowsWithoutKey()
    {
        var exception = Assert.ThrowsExactly<JobStorageException>(() => JobStorage.Create("AccountName=a;AccountKey=c2VjcmV0S2V5;Nonsense=1"));

        Assert.DoesNotContain("c2VjcmV0S2V5", exception.Message);
    }

    [TestMethod]
    public async Task EnsureQueueAsync_NewQueue_CreatesItAndItsPoisonQueue()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();

        await storage.EnsureQueueAsync(queue, None);

        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None));
        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue + "-poison", None));
    }

    [TestMethod]
    public async Task GetApproximateQueueDepthAsync_MissingQueue_ReturnsNull()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);

        Assert.IsNull(await storage.GetApproximateQueueDepthAsync(Names.Queue(), None));
    }

    [TestMethod]
    public async Task PingAsync_Azurite_True()
    {
        Assert.IsTrue(await JobStorage.Create(TestAzurite.ConnectionString).PingAsync(None));
    }

    [TestMethod]
    public async Task PingAsync_NothingListening_FalseAndStorageErrorsCarryNoKey()
    {
        var storage = JobStorage.Create(StorageConnection.ForAzurite(1, 1, 1));

        Assert.IsFalse(await storage.PingAsync(None));
        var exception = await Assert.ThrowsExactlyAsync<JobStorageException>(() => storage.GetApproximateQueueDepthAsync("somequeue", None));
        Assert.IsTrue(exception.IsTransient);
        Assert.DoesNotContain(StorageConnection.DevelopmentAccountKey, exception.Message);
    }

    [TestMethod]
    public async Task BlobStore_UploadThenDownload_SameBytesAndType()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var name = Guid.NewGuid().ToString("N");
        using var content = new MemoryStream([1, 2, 3]);

        await storage.Blobs.UploadAsync("blobtests", name, content, "application/x-test", None);
        var downloaded = await storage.Blobs.DownloadAsync("blobtests", name, None);

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, downloaded!.Content);
        Assert.AreEqual("application/x-test", downloaded.ContentType);
        Assert.IsNull(await storage.Blobs.DownloadAsync("blobtests", "missing-" + name, None));
    }

    [TestMethod]
    public void CreateProcessor_TwoHandlersOfOneType_Throws()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var handler = DelegateHandler.Sync("same", _ => JobResult.Success);

        Assert.ThrowsExactly<ArgumentException>(() => storage.CreateProcessor(new QueueProcessorOptions { Queues = ["abc"] }, [handler, handler], Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
    }
}
