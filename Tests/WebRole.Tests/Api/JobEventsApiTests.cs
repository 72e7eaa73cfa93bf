using System.Net;
using System.Text.Json;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;

namespace BackgroundRoles.WebRole.Tests.Api;

/// <summary>
/// <c>GET /api/jobs/{id}/events</c> of the real web role process on a real Azurite; the job runs in a real queue
/// processor whose handler the test moves step by step (<see cref="GatedJobHandler"/>).
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed partial class JobEventsApiTests
{
    private static RunningService s_service = null!;
    private static JobStorage s_storage = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _ = context;
        s_service = await SharedWebRole.GetAsync();
        s_storage = JobStorage.Create(TestAzurite.ConnectionString);
    }

    [TestMethod]
    public async Task Events_JobReportsProgress_QueuedRunningProgressSucceededThenTheStreamEnds()
    {
        var (queue, jobId) = await SubmitAsync();
        var handler = new GatedJobHandler();
        using var events = await ServerSentEvents.OpenAsync(s_service.Http, $"/api/jobs/{jobId}/events");
        Assert.AreEqual(HttpStatusCode.OK, events.Response.StatusCode);
        Assert.AreEqual("text/event-stream", events.Response.Content.Headers.ContentType?.MediaType);

        var seen = new List<ServerSentEvents.Event> { (await events.NextAsync())! };
        Assert.AreEqual("Queued 0", Shown(seen[^1]));

        await using (InProcessWorker.Start(s_storage, queue, handler))
        {
            seen.Add((await events.NextAsync())!);
            Assert.AreEqual("Running 0", Shown(seen[^1]));

            handler.ReportProgress();
            seen.Add((await events.NextAsync())!);
            Assert.AreEqual("Running 50", Shown(seen[^1]));

            handler.Finish();
            seen.AddRange(await events.RestAsync());
        }

        CollectionAssert.AreEqual(new[] { "Queued 0", "Running 0", "Running 50", "Succeeded 100" }, seen.Select(Shown).ToList(), "one event per change, then the stream ends");
        Assert.AreEqual(jobId, seen[^1].Data.GetProperty("jobId").GetString());
        var ticks = seen.Select(e => long.Parse(e.Id!.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        CollectionAssert.AreEqual(ticks.Order().ToList(), ticks, "ids follow the record's UpdatedAt");
        Assert.AreEqual(seen.Count, seen.Select(e => e.Id).Distinct().Count());
    }

    [TestMethod]
    public async Task Events_ReconnectWithLastEventId_ResumesWithoutRepeats()
    {
        var (queue, jobId) = await SubmitAsync();
        var handler = new GatedJobHandler();
        await using var worker = InProcessWorker.Start(s_storage, queue, handler);
        string lastId;
        using (var first = await ServerSentEvents.OpenAsync(s_service.Http, $"/api/jobs/{jobId}/events"))
        {
            var e = await first.NextAsync();
            while (e is not null && Shown(e) != "Running 0")
            {
                e = await first.NextAsync();
            }

            handler.ReportProgress();
            var progress = (await first.NextAsync())!;
            Assert.AreEqual("Running 50", Shown(progress));
            lastId = progress.Id!;
        }

        // The record still shows Running 50 when the client comes back: nothing for it until the job moves.
        using (var second = await ServerSentEvents.OpenAsync(s_service.Http, $"/api/jobs/{jobId}/events", lastId))
        {
            Assert.AreEqual(HttpStatusCode.OK, second.Response.StatusCode);
            handler.Finish();
            var rest = await second.RestAsync();
            CollectionAssert.AreEqual(new[] { "Succeeded 100" }, rest.Select(Shown).ToList());
            lastId = rest[0].Id!;
        }

        // A client that already has the final event is told there is nothing more (an EventSource stops reconnecting).
        using var third = await ServerSentEvents.OpenAsync(s_service.Http, $"/api/jobs/{jobId}/events", lastId);
        Assert.AreEqual(HttpStatusCode.NoContent, third.Response.StatusCode);
    }

    [TestMethod]
    public async Task Events_FinishedJobWithoutLastEventId_OneFinalEventThenTheStreamEnds()
    {
        var (queue, jobId) = await SubmitAsync();
        var handler = new GatedJobHandler();
        handler.ReportProgress();
        handler.Finish();
        await using (InProcessWorker.Start(s_storage, queue, handler))
        {
            await s_service.WaitForJobAsync(jobId);
        }

        using var events = await ServerSentEvents.OpenAsync(s_service.Http, $"/api/jobs/{jobId}/events");

        CollectionAssert.AreEqual(new[] { "Succeeded 100" }, (await events.RestAsync()).Select(Shown).ToList());
    }

    [TestMethod]
    public async Task Events_UnknownJob_Is404NamingIt()
    {
        var unknown = Guid.CreateVersion7().ToString("N");

        using var events = await ServerSentEvents.OpenAsync(s_service.Http, $"/api/jobs/{unknown}/events");

        Assert.AreEqual(HttpStatusCode.NotFound, events.Response.StatusCode);
        StringAssert.Contains(await events.BodyAsync(), unknown);
    }

    [TestMethod]
    [DataRow("42")]
    [DataRow("1-Running")]
    [DataRow("1-Sleeping-5")]
    [DataRow("1-Running-500")]
    public async Task Events_LastEventIdNotOurs_Is400SayingWhatIsExpected(string lastEventId)
    {
        var (_, jobId) = await SubmitAsync();

        using var events = await ServerSentEvents.OpenAsync(s_service.Http, $"/api/jobs/{jobId}/events", lastEventId);

        Assert.AreEqual(HttpStatusCode.BadRequest, events.Response.StatusCode);
        var problem = JsonDocument.Parse(await events.BodyAsync()).RootElement;
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "Last-Event-ID");
        StringAssert.Contains(problem.GetProperty("detail").GetString(), lastEventId);
    }

    private static string Shown(ServerSentEvents.Event e) => $"{e.State} {e.Progress}";

    /// <summary>A job on a queue of its own, so only this test's processor takes it.</summary>
    private static async Task<(string Queue, string JobId)> SubmitAsync()
    {
        var queue = "events-" + Guid.NewGuid().ToString("N")[..12];
        var submission = await s_storage.Jobs.SubmitAsync(queue, GatedJobHandler.Type, "{}", null, CancellationToken.None);
        return (queue, submission.JobId);
    }
}
