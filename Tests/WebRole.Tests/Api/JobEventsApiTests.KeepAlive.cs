using System.Diagnostics;
using BackgroundRoles.Tests;

namespace BackgroundRoles.WebRole.Tests.Api;

/// <summary>The keep-alive comments of a quiet stream, at the interval the <c>Events.KeepAlive</c> setting gives (1 s for the shared web role).</summary>
public sealed partial class JobEventsApiTests
{
    [TestMethod]
    public async Task Events_JobStaysQueued_KeepAliveCommentAfterEachQuietInterval()
    {
        var (_, jobId) = await SubmitAsync();
        using var events = await ServerSentEvents.OpenAsync(s_service.Http, $"/api/jobs/{jobId}/events");
        Assert.AreEqual("Queued 0", Shown((await events.NextAsync())!));
        var quietSince = Stopwatch.GetTimestamp();

        // No processor takes the job, so nothing changes: only keep-alive comments come, one per quiet interval.
        var comments = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            comments.Add(await events.NextCommentAsync(TimeSpan.FromSeconds(10)));
        }

        var took = Stopwatch.GetElapsedTime(quietSince);
        CollectionAssert.AreEqual(new[] { ": keep-alive", ": keep-alive", ": keep-alive" }, comments);
        Assert.IsGreaterThanOrEqualTo(SharedWebRole.EventsKeepAlive * 3 - TimeSpan.FromMilliseconds(300), took, "one comment per quiet interval, not one per poll");
        Assert.IsLessThan(TimeSpan.FromSeconds(10), took, "at the setting's interval, not the 15 s default");
    }

    [TestMethod]
    public async Task Events_KeepAliveSettingNotADuration_OnStartFailsNamingTheSetting()
    {
        using var service = new ServiceCopy(
            new Dictionary<string, string> { ["StorageConnectionString"] = TestAzurite.ConnectionString },
            webRoleSettings: new Dictionary<string, string> { ["Events.KeepAlive"] = "soon" });
        using var web = service.Host("WebRole");

        var exitCode = await web.WaitForExitAsync(RunningService.Timeout);

        Assert.AreEqual(2, exitCode, "OnStart returned false: " + web.Output);
        StringAssert.Contains(web.Output, "Events.KeepAlive: 'soon' is not a duration above 0 and at most 00:01:30 (hh:mm:ss)");
        Assert.DoesNotContain("   at ", web.Output, "no stack trace");
    }
}
