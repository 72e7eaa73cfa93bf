using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>Listing status records for operators, on a real Azurite shared with other tests (so each test lists its own job type).</summary>
[TestClass]
public sealed class JobStatusStoreListTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task ListRecentAsync_ByType_NewestFirstUpToMax()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var type = Names.Queue("type");
        var other = Names.Queue("other");
        var queue = Names.Queue();
        var jobs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            jobs.Add((await storage.Jobs.SubmitAsync(queue, type, "{}", null, None)).JobId);
            await Task.Delay(20);
        }

        await storage.Jobs.SubmitAsync(queue, other, "{}", null, None);

        var all = await storage.Statuses.ListRecentAsync(10, type, null, None);
        CollectionAssert.AreEqual(Enumerable.Reverse(jobs).ToList(), all.Jobs.Select(j => j.JobId).ToList());
        Assert.IsTrue(all.Complete);
        Assert.IsGreaterThanOrEqualTo(4, all.Scanned);

        var two = await storage.Statuses.ListRecentAsync(2, type, null, None);
        CollectionAssert.AreEqual(new[] { jobs[2], jobs[1] }, two.Jobs.Select(j => j.JobId).ToList());
    }

    [TestMethod]
    public async Task ListRecentAsync_ByState_OnlyThatState()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var type = Names.Queue("type");
        await storage.Jobs.SubmitAsync(Names.Queue(), type, "{}", null, None);

        Assert.HasCount(1, (await storage.Statuses.ListRecentAsync(10, type, JobState.Queued, None)).Jobs);
        Assert.IsEmpty((await storage.Statuses.ListRecentAsync(10, type, JobState.Succeeded, None)).Jobs);
        await Assert.ThrowsExactlyAsync<ArgumentOutOfRangeException>(() => storage.Statuses.ListRecentAsync(0, type, null, None));
    }
}
