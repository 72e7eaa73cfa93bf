using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Inspection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>Jobs from the status records (through <see cref="JobStatusStore"/>), a job's history (its record and its visible messages) and result blobs; the polled listings are in <c>StorageApi.Due</c>.</summary>
internal static partial class StorageApi
{
    private static void MapJobs(WebApplication app, JobStorage? storage, TimeProvider time)
    {
        MapPolled(app, storage, time);
        app.MapGet("/api/jobs", (string? type, string? state, CancellationToken ct) => WithStorage(storage, async s =>
        {
            JobState? wanted = null;
            if (!string.IsNullOrEmpty(state))
            {
                if (!Enum.TryParse<JobState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return Results.Json(new { error = $"no job state '{state}'; the states: {string.Join(", ", Enum.GetNames<JobState>())}" }, statusCode: StatusCodes.Status400BadRequest);
                }

                wanted = parsed;
            }

            var listing = await s.Statuses.ListRecentAsync(DashboardDefaults.MaxListedJobs, string.IsNullOrEmpty(type) ? null : type, wanted, ct).ConfigureAwait(false);
            // The list is polled; a job's failed attempts (up to 10 errors each) are for its own page only.
            return Results.Json(listing with { Jobs = [.. listing.Jobs.Select(j => j with { FailedAttempts = null })] }, DashboardJson.Options);
        }));
        app.MapGet("/api/jobs/{id}", (string id, CancellationToken ct) => WithStorage(storage, async s =>
        {
            if (await s.Statuses.GetAsync(id, ct).ConfigureAwait(false) is not { } status)
            {
                return Results.Json(new { error = $"no job '{id}'" }, statusCode: StatusCodes.Status404NotFound);
            }

            var history = await JobHistory.ReadAsync(status, new QueueInspector(s), ct).ConfigureAwait(false);
            return Results.Json(new { status, resultBlob = ResultBlob(status.ResultReference), history }, DashboardJson.Options);
        }));
        app.MapGet("/api/blobs/{container}/{**name}", (string container, string name, CancellationToken ct) => WithStorage(storage, async s =>
        {
            if (await s.Blobs.DownloadAsync(container, name, ct).ConfigureAwait(false) is not { } blob)
            {
                return Results.Json(new { error = $"no blob {container}/{name}" }, statusCode: StatusCodes.Status404NotFound);
            }

            // Always a download, never shown in the dashboard's origin: a blob is whatever a job wrote.
            return Results.File(blob.Content, "application/octet-stream", Path.GetFileName(name) is { Length: > 0 } file ? file : "blob");
        }));
    }

    /// <summary>A result reference of the form <c>container/blob</c> as a download link; null for anything else.</summary>
    private static string? ResultBlob(string? reference)
    {
        var slash = reference?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (reference is null || slash is <= 0 or > 63 || slash == reference.Length - 1)
        {
            return null;
        }

        return "/api/blobs/" + Uri.EscapeDataString(reference[..slash]) + "/" + string.Join('/', reference[(slash + 1)..].Split('/').Select(Uri.EscapeDataString));
    }
}
