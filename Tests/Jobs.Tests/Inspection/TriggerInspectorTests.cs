using System.Text;
using BackgroundRoles.Jobs.Inspection;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Jobs.Triggers;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Jobs.Tests.Inspection;

/// <summary>The operator's view of blob triggers, from what a real trigger wrote to a real Azurite.</summary>
[TestClass]
public sealed class TriggerInspectorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task GetTriggerAsync_SucceededFailedAndPoisonedVersions_CountedWithTheFailuresErrors()
    {
        var container = Names.Queue("ti");
        var name = "inspected-" + container;
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var options = new BlobTriggerOptions { Container = container, Name = name, NamePattern = "in/*", InstanceId = "a", ScanInterval = TimeSpan.FromMilliseconds(250) };
        await using (new SupervisedTask(new BlobTrigger(storage, options, (change, _) => change.Name switch
        {
            "in/poison.txt" => throw new PoisonJobException("not an image"),
            "in/failed.txt" => throw new JobFailedException("declined"),
            _ => Task.FromResult(JobResult.Success),
        }, NullLoggerFactory.Instance), TimeProvider.System))
        {
            foreach (var blob in new[] { "in/ok.txt", "in/poison.txt", "in/failed.txt", "out/ignored.txt" })
            {
                using var content = new MemoryStream(Encoding.UTF8.GetBytes(blob));
                await storage.Blobs.UploadAsync(container, blob, content, "text/plain", None);
            }

            await Eventually.GetAsync(
                () => new TriggerInspector(storage).GetTriggerAsync(name, None),
                found => found is { Succeeded: 1, Failed: 1, Poisoned: 1 },
                "three final versions");
        }

        var summary = await new TriggerInspector(storage).GetTriggerAsync(name, None);

        Assert.IsNotNull(summary);
        Assert.AreEqual(container, summary.Container);
        Assert.AreEqual("in/*", summary.NamePattern);
        Assert.AreEqual((0, 0), (summary.Running, summary.Retrying));
        Assert.IsTrue(summary.CountsComplete);
        Assert.IsGreaterThan(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(5), summary.Cursor, "the cursor moved");
        Assert.HasCount(2, summary.NewestFailures);
        var poisoned = summary.NewestFailures.Single(f => f.State == BlobReceiptState.Poisoned);
        Assert.AreEqual(("in/poison.txt", 1, "PoisonJobException: not an image"), (poisoned.BlobName, poisoned.Attempts, poisoned.Error));
        var failed = summary.NewestFailures.Single(f => f.State == BlobReceiptState.Failed);
        Assert.AreEqual(JobState.Failed, (await storage.Statuses.GetAsync(failed.JobId, None))?.State, "the job id names the version's status record");
        CollectionAssert.Contains((await new TriggerInspector(storage).ListTriggersAsync(None)).Select(t => t.Name).ToArray(), name);
    }

    [TestMethod]
    public async Task GetTriggerAsync_NeverScanned_Null()
    {
        Assert.IsNull(await new TriggerInspector(JobStorage.Create(TestAzurite.ConnectionString)).GetTriggerAsync("never-" + Names.Queue(), None));
    }

    [TestMethod]
    public async Task GetTriggerAsync_BadName_ArgumentExceptionNamingIt()
    {
        var exception = await Assert.ThrowsExactlyAsync<ArgumentException>(() => new TriggerInspector(JobStorage.Create(TestAzurite.ConnectionString)).GetTriggerAsync("a b", None));

        Assert.Contains("'a b' is not a usable blob trigger name", exception.Message);
    }
}
