using System.Collections.Concurrent;
using System.Text;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Jobs.Triggers;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Jobs.Tests.Triggers;

/// <summary>Blob triggers on the real clock and Azurite: instances in one process, each with its own storage and supervisor.</summary>
[TestClass]
public sealed partial class BlobTriggerTests
{
    private static readonly TimeSpan Scan = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// 50 blobs written while two instances run, then 10 while none runs and two new ones start from the stored
    /// cursor: every version is handled exactly once, ends Succeeded in its receipt and its status record, and both
    /// instances took a share.
    /// </summary>
    [TestMethod]
    public async Task RunAsync_TwoInstancesAndARestart_EachBlobHandledOnce()
    {
        var container = Names.Queue("bt");
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var handled = new ConcurrentQueue<(string Instance, BlobChange Change)>();
        var first = new[] { Start(container, "a", handled), Start(container, "b", handled) };
        await UploadAsync(storage, container, Enumerable.Range(0, 50).Select(i => $"in/{i:D3}.txt"));
        await Eventually.GetAsync(() => Task.FromResult(handled.Count), count => count >= 50, "50 blobs handled", TimeSpan.FromSeconds(60));
        foreach (var instance in first)
        {
            await instance.DisposeAsync();
        }

        await UploadAsync(storage, container, Enumerable.Range(50, 10).Select(i => $"in/{i:D3}.txt"));
        var second = new[] { Start(container, "c", handled), Start(container, "d", handled) };
        await Eventually.GetAsync(() => Task.FromResult(handled.Count), count => count >= 60, "60 blobs handled", TimeSpan.FromSeconds(60));

        // A scan or two more: nothing is handled a second time.
        await Task.Delay(Scan * 8);
        foreach (var instance in second)
        {
            await instance.DisposeAsync();
        }

        var versions = handled.GroupBy(entry => (entry.Change.Name, entry.Change.ETag)).ToArray();
        Assert.HasCount(60, versions, "every blob handled");
        Assert.IsEmpty(versions.Where(group => group.Count() > 1).Select(group => group.Key.Name).ToArray(), "handled twice");
        Assert.IsTrue(handled.Any(entry => entry.Instance == "a") && handled.Any(entry => entry.Instance == "b"), "both first instances took a share");
        Assert.IsTrue(handled.Where(entry => string.CompareOrdinal(entry.Change.Name, "in/050.txt") >= 0).All(entry => entry.Instance is "c" or "d"), "the blobs written while none ran are handled after the restart");
        foreach (var (_, change) in handled)
        {
            var receipt = await BlobTrigger.GetReceiptAsync(storage, "blob-trigger-" + container, change.Name, change.ETag, CancellationToken.None);
            Assert.AreEqual(BlobReceiptState.Succeeded, receipt?.State, change.Name);
            Assert.AreEqual(JobState.Succeeded, (await storage.Statuses.GetAsync(change.JobId, CancellationToken.None))?.State, change.Name);
        }
    }

    /// <summary>A blob written again is a new version (ETag) and is handled again; the first version is not.</summary>
    [TestMethod]
    public async Task RunAsync_BlobChanged_HandledAgainOnce()
    {
        var container = Names.Queue("bt");
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var handled = new ConcurrentQueue<(string Instance, BlobChange Change)>();
        await using var instance = Start(container, "a", handled);
        await UploadAsync(storage, container, ["doc.txt"]);
        await Eventually.GetAsync(() => Task.FromResult(handled.Count), count => count == 1, "the first version handled");

        await UploadAsync(storage, container, ["doc.txt"], "changed");
        await Eventually.GetAsync(() => Task.FromResult(handled.Count), count => count == 2, "the changed version handled");
        await Task.Delay(Scan * 8);

        var changes = handled.Select(entry => entry.Change).ToArray();
        Assert.HasCount(2, changes, "once per version");
        Assert.AreNotEqual(changes[0].ETag, changes[1].ETag);
        Assert.AreNotEqual(changes[0].JobId, changes[1].JobId, "each version is a job of its own");
    }

    /// <summary>Only the names the pattern matches start the handler.</summary>
    [TestMethod]
    public async Task RunAsync_NamePattern_OnlyMatchingBlobsHandled()
    {
        var container = Names.Queue("bt");
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var handled = new ConcurrentQueue<(string Instance, BlobChange Change)>();
        await using var instance = Start(container, "a", handled, options => options with { NamePattern = "in/*.png" });
        await UploadAsync(storage, container, ["in/a.png", "in/b.txt", "out/c.png", "in/sub/d.png"]);
        await Eventually.GetAsync(() => Task.FromResult(handled.Count), count => count >= 2, "the matching blobs handled");
        await Task.Delay(Scan * 8);

        CollectionAssert.AreEquivalent(new[] { "in/a.png", "in/sub/d.png" }, handled.Select(entry => entry.Change.Name).ToArray());
    }

    [TestMethod]
    public void Constructor_BadContainerName_ArgumentExceptionNamingIt()
    {
        var exception = Assert.ThrowsExactly<ArgumentException>(() => new BlobTrigger(
            JobStorage.Create(TestAzurite.ConnectionString),
            new BlobTriggerOptions { Container = "Thumbnails_Inbox" },
            (_, _) => Task.FromResult(JobResult.Success),
            NullLoggerFactory.Instance));

        Assert.Contains("'Thumbnails_Inbox' is not a usable container name", exception.Message);
    }

    private static SupervisedTask Start(string container, string instance, ConcurrentQueue<(string, BlobChange)> handled, Func<BlobTriggerOptions, BlobTriggerOptions>? configure = null, string? connectionString = null, Func<BlobChange, CancellationToken, Task<JobResult>>? handler = null)
    {
        var options = new BlobTriggerOptions { Container = container, InstanceId = instance, ScanInterval = Scan, CursorLag = TimeSpan.FromSeconds(2) };
        options = configure?.Invoke(options) ?? options;
        var trigger = new BlobTrigger(JobStorage.Create(connectionString ?? TestAzurite.ConnectionString), options, handler ?? ((change, _) =>
        {
            handled.Enqueue((instance, change));
            return Task.FromResult(new JobResult(change.Name));
        }), NullLoggerFactory.Instance);
        return new SupervisedTask(trigger, TimeProvider.System);
    }

    private static Task UploadAsync(JobStorage storage, string container, IEnumerable<string> names, string content = "content") =>
        Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, ct) =>
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content + " of " + name));
            await storage.Blobs.UploadAsync(container, name, stream, "text/plain", ct);
        });
}
