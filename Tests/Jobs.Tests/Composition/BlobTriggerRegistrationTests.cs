using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using BackgroundRoles.Jobs.Composition;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Jobs.Triggers;
using BackgroundRoles.Supervision.Composition;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Jobs.Tests.Composition;

/// <summary>Blob triggers declared on the role kit, against a real Azurite, on a fake clock.</summary>
[TestClass]
public sealed class BlobTriggerRegistrationTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-01-05T10:00:00Z", CultureInfo.InvariantCulture);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A failed attempt is retried only once the retry delay has passed on the kit's clock, by the instance the kit
    /// coordinates as; the version then ends Succeeded after 2 attempts.
    /// </summary>
    [TestMethod]
    public async Task AddBlobTrigger_AttemptFails_RetriedAfterTheRetryDelayOnTheKitsClock()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = JobStorage.Create(TestAzurite.ConnectionString, clock);
        var container = Names.Queue("bk");
        var attempts = new ConcurrentQueue<(BlobChange Change, DateTimeOffset At)>();
        var kit = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance, clock)
            .UseCoordination(storage, "instance-7")
            .AddBlobTrigger(storage, container, null, (change, _) =>
            {
                attempts.Enqueue((change, clock.GetUtcNow()));
                return change.Attempt == 1 ? throw new IOException("the disk is full") : Task.FromResult(JobResult.Success);
            }, options => options with { ScanInterval = TimeSpan.FromSeconds(1), RetryDelay = RetryDelay });
        Assert.AreEqual("blob-trigger-" + container, kit.Supervisor.GetHealth().Single().Name);
        var run = kit.Supervisor.RunAsync(CancellationToken.None);
        using (var content = new MemoryStream(Encoding.UTF8.GetBytes("data")))
        {
            await storage.Blobs.UploadAsync(container, "a.txt", content, "text/plain", CancellationToken.None);
        }

        await AdvanceUntilAsync(clock, () => !attempts.IsEmpty, "the first attempt");
        var first = attempts.Single();
        await AdvanceUntilAsync(clock, () => clock.GetUtcNow() >= first.At + RetryDelay - TimeSpan.FromSeconds(5), "time short of the retry delay");
        Assert.HasCount(1, attempts, "no retry before the delay");
        await AdvanceUntilAsync(clock, () => attempts.Count == 2, "the retry");
        var receipt = await Eventually.GetAsync(
            () => BlobTrigger.GetReceiptAsync(storage, "blob-trigger-" + container, "a.txt", first.Change.ETag, CancellationToken.None),
            found => found?.IsFinal == true,
            "the final receipt");
        await kit.Supervisor.StopAsync(TimeSpan.Zero);
        await run.WaitAsync(Guard);

        Assert.IsGreaterThanOrEqualTo(first.At + RetryDelay, attempts.Last().At);
        Assert.AreEqual(BlobReceiptState.Succeeded, receipt!.State);
        Assert.AreEqual(2, receipt.Attempts);
        Assert.AreEqual("instance-7", receipt.Owner);
        var status = await storage.Statuses.GetAsync(first.Change.JobId, CancellationToken.None);
        Assert.AreEqual(JobState.Succeeded, status?.State);
        Assert.AreEqual(2, status!.Attempts);
    }

    [TestMethod]
    public void AddBlobTrigger_PatternWithAControlCharacter_ArgumentExceptionNamingIt()
    {
        var kit = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance);

        var exception = Assert.ThrowsExactly<ArgumentException>(() => kit.AddBlobTrigger(JobStorage.Create(TestAzurite.ConnectionString), "inbox", "in/\n*", (_, _) => Task.FromResult(JobResult.Success)));

        Assert.Contains("'in/\\u000a*' is not a usable blob name pattern", exception.Message);
    }

    /// <summary>Moves the fake clock a second at a time, letting the trigger's storage calls (real, on Azurite) finish in between.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {Guard}: {what}.");
            }

            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }
}
