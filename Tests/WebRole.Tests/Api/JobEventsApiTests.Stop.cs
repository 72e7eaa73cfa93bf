using System.Diagnostics;
using System.Net;
using BackgroundRoles.Tests;

namespace BackgroundRoles.WebRole.Tests.Api;

/// <summary>An open event stream does not hold the web role's stop.</summary>
public sealed partial class JobEventsApiTests
{
    /// <summary>Far below the role's stop budget (5 minutes), which a stream still open would use up.</summary>
    private static readonly TimeSpan PromptStop = TimeSpan.FromSeconds(20);

    [TestMethod]
    public async Task Events_RoleStopsWhileAStreamIsOpen_StreamEndsAndTheRoleStopsPromptly()
    {
        using var service = await RunningService.StartAsync(withWorker: false);
        var (_, jobId) = await SubmitAsync();
        using var events = await ServerSentEvents.OpenAsync(service.Http, $"/api/jobs/{jobId}/events");
        Assert.AreEqual(HttpStatusCode.OK, events.Response.StatusCode);
        Assert.AreEqual("Queued 0", Shown((await events.NextAsync())!));

        var stopping = Stopwatch.StartNew();
        service.Web.Signal("TERM");

        Assert.IsNull(await events.NextAsync(), "the stream ends when the role stops");
        Assert.AreEqual(0, await service.Web.WaitForExitAsync(PromptStop), service.Web.Output);
        Assert.IsLessThan(PromptStop, stopping.Elapsed);
    }
}
