using BackgroundRoles.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// <c>GET /api/jobs/{id}/events</c>: a job's status pushed as server-sent events, one per change of its state or
/// progress, each event's data the same JSON as <c>GET /api/jobs/{id}</c>; the stream ends after a final state.
/// 404 for an unknown job, 400 for a <c>Last-Event-ID</c> this API did not send, 204 when the client already has the
/// job's final event (an EventSource stops reconnecting on a 204). Storage unavailable before the stream starts is
/// a 503 like every endpoint's (<see cref="ApiExceptionHandler"/>).
/// </summary>
internal static class JobEventsApi
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/jobs/{id}/events", StreamAsync);

    private static async Task<IResult> StreamAsync(
        string id,
        HttpContext context,
        JobStorage storage,
        JobEventSettings settings,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        JobEventId? resumeAfter = null;
        if (context.Request.Headers.TryGetValue(LastEventIdHeader, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            if (!JobEventId.TryParse(header.ToString().Trim(), out var parsed))
            {
                return Results.Problem(
                    title: "Unknown Last-Event-ID",
                    detail: $"The {LastEventIdHeader} header '{Shorten(header.ToString())}' is not an event id of this stream (expected <ticks>-<State>-<progress>, as sent in 'id:').",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            resumeAfter = parsed;
        }

        var status = await storage.Statuses.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (status is null)
        {
            return Results.Problem(title: "No such job", detail: $"There is no job {id}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (status.IsFinal && resumeAfter is { } seen && seen.Shows(status))
        {
            return Results.NoContent();
        }

        // A stream lives until the job ends or the client leaves; a stop of the role ends it too, since Kestrel's
        // graceful stop would otherwise wait for it until the stop budget ran out.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var stream = new JobEventStream(context.Response, storage.Statuses, settings.KeepAlive, time, loggers.CreateLogger(typeof(JobEventsApi).FullName!));
        await stream.RunAsync(status, resumeAfter, ended.Token).ConfigureAwait(false);
        return Results.Empty;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
