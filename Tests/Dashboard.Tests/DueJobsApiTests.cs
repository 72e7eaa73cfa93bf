using System.Net;
using System.Text.Json;
using BackgroundRoles.Dashboard.Tests.Support;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Dashboard.Tests;

/// <summary>
/// The due jobs over HTTP without a browser, on the test Azurite: jobs submitted with a due time through the jobs
/// library, listed the next due first with where each waits, kept for a moment on the dashboard's clock (a fake one
/// here), and cancelled through the jobs library's cancel. Each test has a job type of its own, so tests sharing the
/// account do not see each other's jobs.
/// </summary>
[TestClass]
public sealed class DueJobsApiTests
{
    private const string Token = "0123456789ABCDEF0123456789ABCDEF";
    private const string Queue = "dashboard-due";

    [TestMethod]
    public async Task DueJobs_TwoDueLater_ListedNextDueFirstWithWhereEachWaits()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var type = "due-" + Guid.NewGuid().ToString("N");
        var far = await SubmitAsync(storage, type, TimeSpan.FromDays(10));
        var near = await SubmitAsync(storage, type, TimeSpan.FromHours(1));
        using var source = new TestSource();
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, StorageConnectionString = TestAzurite.ConnectionString });
        using var client = await SignedInClient.SignInAsync(server);

        var due = await client.GetAsync($"api/jobs/due?type={type}");

        Assert.AreEqual(2, due.GetProperty("count").GetInt32());
        var jobs = due.GetProperty("jobs").EnumerateArray().ToList();
        CollectionAssert.AreEqual(new[] { near, far }, jobs.Select(j => j.GetProperty("jobId").GetString()).ToArray(), "the next due first");
        Assert.AreEqual("queue", jobs[0].GetProperty("waitsIn").GetString(), "due within 7 days: a hidden message");
        Assert.AreEqual("jobsdue", jobs[1].GetProperty("waitsIn").GetString(), "due beyond 7 days: a row the mover sends later");
        Assert.IsTrue(jobs.All(j => j.GetProperty("queue").GetString() == Queue), "each names its queue");
        Assert.IsTrue(jobs.All(j => j.GetProperty("cancellable").GetBoolean()), "a job with a due time is cancellable");
        var nextDue = due.GetProperty("nextDue").EnumerateArray().Select(t => t.GetDateTimeOffset()).ToList();
        CollectionAssert.AreEqual(jobs.Select(j => j.GetProperty("dueAt").GetDateTimeOffset()).ToList(), nextDue);
    }

    [TestMethod]
    public async Task DueJobs_RowInJobsdueWithinTheMoversLookAhead_ListedInJobsdueAsTheTableSays()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var type = "due-" + Guid.NewGuid().ToString("N");
        var far = await SubmitAsync(storage, type, TimeSpan.FromDays(10));

        // Five days on the mover has not run yet here: the job is due within its look-ahead but still a row in jobsdue,
        // which a rule from the submit and due times alone would call a queue message.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromDays(5));
        using var source = new TestSource(clock);
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, StorageConnectionString = TestAzurite.ConnectionString, TimeProvider = clock });
        using var client = await SignedInClient.SignInAsync(server);

        var due = await client.GetAsync($"api/jobs/due?type={type}");

        var job = due.GetProperty("jobs").EnumerateArray().Single();
        Assert.AreEqual(far, job.GetProperty("jobId").GetString());
        Assert.AreEqual("jobsdue", job.GetProperty("waitsIn").GetString());
    }

    [TestMethod]
    public async Task DueJobs_PolledAgainWithinTheCacheTime_AnswersFromMemoryUntilTheClockMovesOrACancel()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var type = "due-" + Guid.NewGuid().ToString("N");
        var first = await SubmitAsync(storage, type, TimeSpan.FromDays(8));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var source = new TestSource(clock);
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, StorageConnectionString = TestAzurite.ConnectionString, TimeProvider = clock });
        using var client = await SignedInClient.SignInAsync(server);
        Assert.AreEqual(1, await CountAsync(client, type));

        var second = await SubmitAsync(storage, type, TimeSpan.FromDays(9));
        clock.Advance(DashboardDefaults.ListingCacheTime - TimeSpan.FromMilliseconds(1));
        Assert.AreEqual(1, await CountAsync(client, type), "within the cache time: the listing kept, storage not read");

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.AreEqual(2, await CountAsync(client, type), "the cache time is over: storage read again");

        var (status, body) = await client.PostAsync($"api/jobs/{second}/cancel");
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(1, await CountAsync(client, type), "a cancel from the page drops the kept listing at once");
        Assert.AreEqual(JobState.Cancelled, (await storage.Statuses.GetAsync(second, CancellationToken.None))!.State);
        Assert.AreEqual(JobState.Scheduled, (await storage.Statuses.GetAsync(first, CancellationToken.None))!.State);
    }

    [TestMethod]
    public async Task Cancel_UnknownOrNotCancellableJob_AnswersWhyAndChangesNothing()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var plain = (await storage.Jobs.SubmitAsync(Queue, "due-plain", "{}", null, CancellationToken.None)).JobId;
        using var source = new TestSource();
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, StorageConnectionString = TestAzurite.ConnectionString });
        using var client = await SignedInClient.SignInAsync(server);

        var (unknown, unknownBody) = await client.PostAsync("api/jobs/0123456789abcdef0123456789abcdef/cancel");
        Assert.AreEqual(HttpStatusCode.NotFound, unknown);
        Assert.AreEqual("no job '0123456789abcdef0123456789abcdef'", unknownBody.GetProperty("error").GetString());

        var (refused, refusedBody) = await client.PostAsync($"api/jobs/{plain}/cancel");
        Assert.AreEqual(HttpStatusCode.Conflict, refused);
        StringAssert.Contains(refusedBody.GetProperty("error").GetString(), "was submitted without Cancellable");
        Assert.AreEqual(JobState.Queued, (await storage.Statuses.GetAsync(plain, CancellationToken.None))!.State);
    }

    private static async Task<string> SubmitAsync(JobStorage storage, string type, TimeSpan delay) =>
        (await storage.Jobs.SubmitAsync(Queue, type, "{}", new SubmitOptions { Delay = delay }, CancellationToken.None)).JobId;

    private static async Task<int> CountAsync(SignedInClient client, string type)
    {
        JsonElement due = await client.GetAsync($"api/jobs/due?type={type}");
        return due.GetProperty("count").GetInt32();
    }
}
