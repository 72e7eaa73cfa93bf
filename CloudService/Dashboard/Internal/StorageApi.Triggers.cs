using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Inspection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>Blob triggers (through <see cref="TriggerInspector"/>): each one's container, pattern, cursor, receipts by state and newest failed versions.</summary>
internal static partial class StorageApi
{
    private static void MapTriggers(WebApplication app, JobStorage? storage)
    {
        var inspector = storage is null ? null : new TriggerInspector(storage);
        app.MapGet("/api/triggers", (CancellationToken ct) => WithStorage(inspector, async i =>
        {
            var triggers = await i.ListTriggersAsync(ct).ConfigureAwait(false);

            // An error is whatever a handler threw: cut like a payload, and shown as text by the page.
            return Results.Json(new
            {
                triggers = triggers.Select(t => t with { NewestFailures = [.. t.NewestFailures.Select(f => f with { Error = Cut(f.Error) })] }),
            }, DashboardJson.Options);
        }));
    }
}
