using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Jobs.Triggers;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests.Triggers;

/// <summary>Failing handlers, and an instance that loses its storage mid-way.</summary>
public sealed partial class BlobTriggerTests
{
    /// <summary>A blob whose handler always throws is tried MaxAttempts times, then poisoned with the error, in its receipt and its status; never again.</summary>
    [TestMethod]
    public async Task RunAsync_HandlerAlwaysFails_PoisonedAfterMaxAttempts()
    {
        var container = Names.Queue("bt");
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var attempts = new ConcurrentQueue<BlobChange>();
        await using var instance = Start(container, "a", new(), options => options with { MaxAttempts = 3, RetryDelay = TimeSpan.FromMilliseconds(200) }, handler: (change, _) =>
        {
            attempts.Enqueue(change);
            throw new InvalidOperationException("the image is upside down");
        });
        await UploadAsync(storage, container, ["bad.png"]);

        var change = (await Eventually.GetAsync(() => Task.FromResult(attempts.ToArray()), seen => seen.Length > 0, "a first attempt"))[0];
        var receipt = await Eventually.GetAsync(
            () => BlobTrigger.GetReceiptAsync(storage, "blob-trigger-" + container, change.Name, change.ETag, CancellationToken.None),
            found => found?.State == BlobReceiptState.Poisoned,
            "the poisoned receipt");
        await Task.Delay(Scan * 8);

        Assert.AreEqual(3, receipt!.Attempts);
        Assert.Contains("the image is upside down", receipt.Error!);
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, attempts.Select(attempt => attempt.Attempt).ToArray(), "tried 3 times, then never again");
        var status = await storage.Statuses.GetAsync(change.JobId, CancellationToken.None);
        Assert.AreEqual(JobState.Poisoned, status?.State);
        Assert.AreEqual(3, status!.Attempts);
        Assert.Contains("InvalidOperationException: the image is upside down", status.Error!);
    }

    /// <summary>A PoisonJobException poisons the version at its first attempt; a JobFailedException ends it Failed.</summary>
    [TestMethod]
    public async Task RunAsync_PoisonAndFailedExceptions_EndedAtTheFirstAttempt()
    {
        var container = Names.Queue("bt");
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var attempts = new ConcurrentQueue<BlobChange>();
        await using var instance = Start(container, "a", new(), handler: (change, _) =>
        {
            attempts.Enqueue(change);
            throw change.Name == "poison.txt" ? new PoisonJobException("not an image") : new JobFailedException("declined");
        });
        await UploadAsync(storage, container, ["poison.txt", "failed.txt"]);
        await Eventually.GetAsync(() => Task.FromResult(attempts.Count), count => count >= 2, "both attempts");
        await Task.Delay(Scan * 8);

        Assert.HasCount(2, attempts, "no retry");
        foreach (var change in attempts)
        {
            var expected = change.Name == "poison.txt" ? JobState.Poisoned : JobState.Failed;
            var status = await Eventually.StatusAsync(storage, change.JobId, found => found.IsFinal);
            Assert.AreEqual(expected, status.State, change.Name);
        }
    }

    /// <summary>
    /// An instance that loses its table storage mid-way (as good as crashed: it cannot renew its claim) loses the
    /// claim when it expires; another instance then runs the version as attempt 2 and it ends Succeeded there.
    /// </summary>
    [TestMethod]
    public async Task RunAsync_HolderLosesStorageMidWay_RetriedElsewhereAfterTheClaimExpires()
    {
        var container = Names.Queue("bt");
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var azurite = TestAzurite.Process;
        var forwarder = new TcpForwarder(azurite.TablePort);
        var started = new TaskCompletionSource<BlobChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var claimTime = TimeSpan.FromSeconds(3);
        await using var cut = Start(container, "cut", new(), options => options with { ClaimTime = claimTime }, StorageConnection.ForAzurite(azurite.BlobPort, azurite.QueuePort, forwarder.Port), async (change, ct) =>
        {
            started.TrySetResult(change);
            await Task.Delay(Timeout.Infinite, ct);
            return JobResult.Success;
        });
        await UploadAsync(storage, container, ["slow.txt"]);
        var first = await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await forwarder.DisposeAsync();

        var handled = new ConcurrentQueue<(string Instance, BlobChange Change)>();
        await using var other = Start(container, "other", handled, options => options with { ClaimTime = claimTime });
        await Eventually.GetAsync(() => Task.FromResult(handled.Count), count => count == 1, "the takeover", TimeSpan.FromSeconds(30));

        var retried = handled.Single().Change;
        Assert.AreEqual(first.ETag, retried.ETag);
        Assert.AreEqual(first.JobId, retried.JobId, "the same job");
        Assert.AreEqual(2, retried.Attempt);
        var receipt = await Eventually.GetAsync(
            () => BlobTrigger.GetReceiptAsync(storage, "blob-trigger-" + container, retried.Name, retried.ETag, CancellationToken.None),
            found => found?.IsFinal == true,
            "the final receipt");
        Assert.AreEqual(BlobReceiptState.Succeeded, receipt!.State);
        Assert.AreEqual("other", receipt.Owner);
    }
}
