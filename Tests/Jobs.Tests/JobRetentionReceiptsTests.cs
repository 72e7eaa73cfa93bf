using System.Collections.Concurrent;
using System.Text;
using BackgroundRoles.Jobs.Inspection;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Jobs.Triggers;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>
/// The cleanup of blob trigger receipts against a real Azurite: real triggers on the real clock write the receipts,
/// and the cleanup runs on a fake clock 30 days later, one trigger's receipts at a time, so it reaches no other
/// test's and the tests of this class may overlap.
/// </summary>
[TestClass]
public sealed class JobRetentionReceiptsTests
{
    private static readonly TimeSpan Scan = TimeSpan.FromMilliseconds(250);
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task DeleteFinishedReceiptsAsync_VersionBehindTheCursor_DeletedAndNotHandledAgain()
    {
        var container = Names.Queue("rr");
        var trigger = "blob-trigger-" + container;
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var handled = new ConcurrentQueue<BlobChange>();
        await using var first = Start(container, handled, TimeSpan.FromSeconds(1));
        await UploadAsync(storage, container, "a.txt");
        var change = await HandledAsync(handled, "a.txt");
        await Eventually.GetAsync(() => CursorAsync(storage, trigger), cursor => cursor > change.LastModified, "the cursor past a.txt");
        await first.DisposeAsync();
        var (clock, retention) = Later(storage);

        var before = await retention.DeleteFinishedReceiptsAsync(clock.GetUtcNow() - TimeSpan.FromDays(1), clock.GetUtcNow(), trigger, None);
        Assert.AreEqual(new ReceiptRetentionResult(0, 1, 0), before, "the first run only records the cursor");
        Assert.IsNotNull(await ReceiptAsync(storage, trigger, change));
        clock.Advance(JobDefaults.BlobReceiptSettleTime + TimeSpan.FromMinutes(1));
        var after = await retention.DeleteFinishedReceiptsAsync(clock.GetUtcNow() - TimeSpan.FromDays(1), clock.GetUtcNow(), trigger, None);

        Assert.AreEqual(new ReceiptRetentionResult(1, 0, 0), after);
        Assert.IsNull(await ReceiptAsync(storage, trigger, change), "deleted");
        await using var second = Start(container, handled, TimeSpan.FromSeconds(1));
        await UploadAsync(storage, container, "b.txt");
        await HandledAsync(handled, "b.txt");
        await Task.Delay(Scan * 8);
        CollectionAssert.AreEqual(new[] { "a.txt", "b.txt" }, handled.Select(c => c.Name).ToArray(), "a.txt was not handled again by the new instance's scans");
        Assert.IsNull(await ReceiptAsync(storage, trigger, change), "no new receipt for a.txt");
    }

    [TestMethod]
    public async Task DeleteFinishedReceiptsAsync_CurrentVersionNewerThanTheCursor_Kept()
    {
        var container = Names.Queue("rr");
        var trigger = "blob-trigger-" + container;
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var handled = new ConcurrentQueue<BlobChange>();
        await using var instance = Start(container, handled, TimeSpan.FromHours(1));
        await UploadAsync(storage, container, "a.txt");
        var change = await HandledAsync(handled, "a.txt");
        await SucceededAsync(storage, trigger, change, "the receipt Succeeded");
        var (clock, retention) = Later(storage);

        await retention.DeleteFinishedReceiptsAsync(clock.GetUtcNow(), clock.GetUtcNow(), trigger, None);
        clock.Advance(JobDefaults.BlobReceiptSettleTime + TimeSpan.FromMinutes(1));
        var result = await retention.DeleteFinishedReceiptsAsync(clock.GetUtcNow(), clock.GetUtcNow(), trigger, None);

        Assert.AreEqual(new ReceiptRetentionResult(0, 1, 0), result, "old enough, but a scan still lists it past the cursor");
        Assert.AreEqual(BlobReceiptState.Succeeded, (await ReceiptAsync(storage, trigger, change))?.State);
    }

    [TestMethod]
    public async Task DeleteFinishedReceiptsAsync_BlobWrittenAgain_OldVersionDeletedCurrentKept()
    {
        var container = Names.Queue("rr");
        var trigger = "blob-trigger-" + container;
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var handled = new ConcurrentQueue<BlobChange>();
        await using var instance = Start(container, handled, TimeSpan.FromHours(1));
        await UploadAsync(storage, container, "a.txt");
        var old = await HandledAsync(handled, "a.txt");
        await SucceededAsync(storage, trigger, old, "the first receipt Succeeded");
        await UploadAsync(storage, container, "a.txt", "changed");
        var current = (await Eventually.GetAsync(() => Task.FromResult(handled.ToArray()), seen => seen.Length == 2, "the second version handled"))[1];
        await SucceededAsync(storage, trigger, current, "the second receipt Succeeded");
        var (clock, retention) = Later(storage);

        var result = await retention.DeleteFinishedReceiptsAsync(clock.GetUtcNow(), clock.GetUtcNow(), trigger, None);
        await Task.Delay(Scan * 8);

        Assert.AreEqual(new ReceiptRetentionResult(1, 1, 0), result);
        Assert.IsNull(await ReceiptAsync(storage, trigger, old), "the replaced version's receipt");
        Assert.IsNotNull(await ReceiptAsync(storage, trigger, current), "the current version's receipt");
        Assert.HasCount(2, handled, "neither version handled again");
    }

    [TestMethod]
    public async Task DeleteFinishedReceiptsAsync_PoisonedAndRetrying_PoisonedKeptForItsOwnRetentionRetryingNever()
    {
        var container = Names.Queue("rr");
        var trigger = "blob-trigger-" + container;
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var handled = new ConcurrentQueue<BlobChange>();
        await using var instance = Start(container, handled, TimeSpan.FromSeconds(1), (change, _) =>
        {
            handled.Enqueue(change);
            throw change.Name == "poison.txt" ? new PoisonJobException("not an image") : new InvalidOperationException("try later");
        });
        await UploadAsync(storage, container, "poison.txt");
        var poison = await HandledAsync(handled, "poison.txt");

        // A second later (listings give whole seconds), so the cursor passes the poisoned version and waits at this one.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await UploadAsync(storage, container, "retry.txt");
        var retrying = await HandledAsync(handled, "retry.txt");
        await UploadAsync(storage, container, "retry.txt", "changed");
        await Eventually.GetAsync(() => Task.FromResult(handled.Count(c => c.Name == "retry.txt")), count => count == 2, "the second version of retry.txt tried");
        await Eventually.GetAsync(() => CursorAsync(storage, trigger), cursor => cursor > poison.LastModified, "the cursor past poison.txt");
        var (clock, retention) = Later(storage);
        var poisonedAt = (await ReceiptAsync(storage, trigger, poison))!.UpdatedAt;

        var young = await retention.DeleteFinishedReceiptsAsync(clock.GetUtcNow(), poisonedAt, trigger, None);
        clock.Advance(JobDefaults.BlobReceiptSettleTime + TimeSpan.FromMinutes(1));
        var old = await retention.DeleteFinishedReceiptsAsync(clock.GetUtcNow(), clock.GetUtcNow(), trigger, None);

        Assert.AreEqual(new ReceiptRetentionResult(0, 0, 0), young, "poisoned after the failed cutoff: not looked at");
        Assert.AreEqual(new ReceiptRetentionResult(1, 0, 0), old, "the poisoned receipt, once past its own cutoff");
        Assert.IsNull(await ReceiptAsync(storage, trigger, poison));
        Assert.AreEqual(BlobReceiptState.Retrying, (await ReceiptAsync(storage, trigger, retrying))?.State, "a Retrying receipt of a replaced version is kept");
    }

    [TestMethod]
    public async Task DeleteFinishedReceiptsAsync_BadTriggerName_ArgumentExceptionNamingIt()
    {
        var retention = new JobRetention(JobStorage.Create(TestAzurite.ConnectionString));

        var exception = await Assert.ThrowsExactlyAsync<ArgumentException>(() => retention.DeleteFinishedReceiptsAsync(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "no/slashes", None));

        Assert.Contains("'no/slashes' is not a usable blob trigger name", exception.Message);
    }

    private static (FakeTimeProvider Clock, JobRetention Retention) Later(JobStorage storage)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromDays(30));
        return (clock, new JobRetention(storage, clock));
    }

    private static SupervisedTask Start(string container, ConcurrentQueue<BlobChange> handled, TimeSpan cursorLag, Func<BlobChange, CancellationToken, Task<JobResult>>? handler = null)
    {
        var options = new BlobTriggerOptions { Container = container, InstanceId = "a", ScanInterval = Scan, CursorLag = cursorLag, RetryDelay = TimeSpan.FromHours(1) };
        var trigger = new BlobTrigger(JobStorage.Create(TestAzurite.ConnectionString), options, handler ?? ((change, _) =>
        {
            handled.Enqueue(change);
            return Task.FromResult(JobResult.Success);
        }), NullLoggerFactory.Instance);
        return new SupervisedTask(trigger, TimeProvider.System);
    }

    private static async Task<BlobChange> HandledAsync(ConcurrentQueue<BlobChange> handled, string name) =>
        (await Eventually.GetAsync(() => Task.FromResult(handled.ToArray()), seen => seen.Any(c => c.Name == name), name + " handled")).Last(c => c.Name == name);

    private static async Task<DateTimeOffset> CursorAsync(JobStorage storage, string trigger) =>
        (await new TriggerInspector(storage).GetTriggerAsync(trigger, None))?.Cursor ?? DateTimeOffset.MinValue;

    /// <summary>Waits until the receipt of <paramref name="change"/> says Succeeded.</summary>
    private static Task SucceededAsync(JobStorage storage, string trigger, BlobChange change, string what) =>
        Eventually.GetAsync(() => ReceiptAsync(storage, trigger, change), receipt => receipt?.State == BlobReceiptState.Succeeded, what);

    private static Task<BlobReceipt?> ReceiptAsync(JobStorage storage, string trigger, BlobChange change) =>
        BlobTrigger.GetReceiptAsync(storage, trigger, change.Name, change.ETag, None);

    private static async Task UploadAsync(JobStorage storage, string container, string name, string content = "content")
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content + " of " + name));
        await storage.Blobs.UploadAsync(container, name, stream, "text/plain", None);
    }
}
