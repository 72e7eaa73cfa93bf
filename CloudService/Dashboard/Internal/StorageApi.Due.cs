using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>Due jobs with their cancel (through <see cref="JobClient.CancelAsync"/>), and the schedules: the listings the pages poll, kept by <see cref="ListingCache"/>.</summary>
internal static partial class StorageApi
{
    private static void MapPolled(WebApplication app, JobStorage? storage, TimeProvider time)
    {
        var cache = new ListingCache(time);
        app.MapGet("/api/jobs/due", (string? type, CancellationToken ct) => WithStorage(storage, async s =>
        {
            var wanted = string.IsNullOrEmpty(type) ? null : type;
            var due = await cache.GetAsync("due:" + wanted, token => DueJobsListing.ReadAsync(s, wanted, token), ct).ConfigureAwait(false);
            return Results.Json(due, DashboardJson.Options);
        }));
        app.MapPost("/api/jobs/{id}/cancel", (string id, CancellationToken ct) => WithStorage(storage, async s =>
        {
            var answer = await s.Jobs.CancelAsync(id, ct).ConfigureAwait(false);
            cache.Clear();
            return answer.Outcome switch
            {
                JobCancellationOutcome.Cancelled => Results.Json(new { message = $"job {id} cancelled" }),
                JobCancellationOutcome.NotFound => Results.Json(new { error = $"no job '{id}'" }, statusCode: StatusCodes.Status404NotFound),
                _ => Results.Json(new { error = answer.Reason }, statusCode: StatusCodes.Status409Conflict),
            };
        }));
        app.MapGet("/api/schedules", (CancellationToken ct) => WithStorage(storage, async s =>
            Results.Json(await cache.GetAsync("schedules", token => SchedulesAsync(s, token), ct).ConfigureAwait(false), DashboardJson.Options)));
    }

    private static async Task<object> SchedulesAsync(JobStorage storage, CancellationToken ct)
    {
        var coordination = new CoordinationStatus(storage);
        var schedules = await coordination.ListSchedulesAsync(ct).ConfigureAwait(false);
        var singletons = await coordination.ListSingletonsAsync(ct).ConfigureAwait(false);
        return new { schedules, singletons };
    }
}
