using System.Net;
using BackgroundRoles.WebRole.Tests.Api;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>A job's event stream through the emulator's load balancer.</summary>
public sealed partial class EmulatorEndToEndTests
{
    /// <summary>
    /// Follows <paramref name="jobId"/>'s events through the balancer until the stream ends: each event differs from
    /// the one before and the last is Succeeded; a reconnect with that event's id, to whichever instance the balancer
    /// picks next, is told there is nothing more (204).
    /// </summary>
    private static async Task EventsThroughTheBalancerAsync(HttpClient http, string jobId)
    {
        List<ServerSentEvents.Event> events;
        using (var stream = await ServerSentEvents.OpenAsync(http, $"/api/jobs/{jobId}/events"))
        {
            Assert.AreEqual(HttpStatusCode.OK, stream.Response.StatusCode);
            events = await stream.RestAsync();
        }

        var shown = events.Select(e => $"{e.State} {e.Progress}").ToList();
        Assert.AreEqual("Succeeded 100", shown.LastOrDefault(), string.Join(", ", shown));
        for (var i = 1; i < shown.Count; i++)
        {
            Assert.AreNotEqual(shown[i - 1], shown[i], $"no event repeats the one before: {string.Join(", ", shown)}");
        }

        using var again = await ServerSentEvents.OpenAsync(http, $"/api/jobs/{jobId}/events", events[^1].Id);
        Assert.AreEqual(HttpStatusCode.NoContent, again.Response.StatusCode);
    }
}
