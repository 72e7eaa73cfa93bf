using BackgroundRoles.Jobs.Inspection;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests.Inspection;

/// <summary>The jobs that wait in the jobsdue table, as the public listing reads them on a real Azurite.</summary>
[TestClass]
public sealed class DueJobInspectorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task ListAsync_DueBeyondTheVisibilityLimitAndDueSoon_ListsOnlyTheOneInTheTableWithItsQueue()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();
        var far = await storage.Jobs.SubmitAsync(queue, "far", "{}", new SubmitOptions { Delay = TimeSpan.FromDays(20) }, None);
        var near = await storage.Jobs.SubmitAsync(queue, "near", "{}", new SubmitOptions { Delay = TimeSpan.FromHours(1) }, None);

        var rows = await new DueJobInspector(storage).ListAsync(JobDefaults.MaxListedDueRows, None);

        var row = rows.Jobs.Single(r => r.JobId == far.JobId);
        Assert.AreEqual(queue, row.Queue);
        Assert.AreEqual((await storage.Statuses.GetAsync(far.JobId, None))!.DueAt, row.DueAt);
        Assert.IsFalse(rows.Jobs.Any(r => r.JobId == near.JobId), "a job due within 7 days waits as a hidden message, not in the table");
        CollectionAssert.AreEqual(rows.Jobs.OrderBy(r => r.DueAt).ToList(), rows.Jobs.ToList(), "the earliest due first");
        Assert.IsTrue(rows.Complete, "fewer rows than the limit");
    }

    [TestMethod]
    public async Task ListAsync_MoreRowsThanAsked_ReturnsTheEarliestAndSaysIncomplete()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();
        await storage.Jobs.SubmitAsync(queue, "far", "{}", new SubmitOptions { Delay = TimeSpan.FromDays(30) }, None);
        await storage.Jobs.SubmitAsync(queue, "far", "{}", new SubmitOptions { Delay = TimeSpan.FromDays(31) }, None);
        var inspector = new DueJobInspector(storage);
        var all = await inspector.ListAsync(JobDefaults.MaxListedDueRows, None);

        var first = await inspector.ListAsync(1, None);

        Assert.IsFalse(first.Complete, "at least two rows wait");
        Assert.AreEqual(all.Jobs[0], first.Jobs.Single());
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(JobDefaults.MaxListedDueRows + 1)]
    public async Task ListAsync_LimitOutOfRange_ThrowsNamingTheArgument(int max)
    {
        var inspector = new DueJobInspector(JobStorage.Create(TestAzurite.ConnectionString));

        var error = await Assert.ThrowsExactlyAsync<ArgumentOutOfRangeException>(() => inspector.ListAsync(max, None));

        Assert.AreEqual("max", error.ParamName);
    }
}
