using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>The overview and instance API: snapshots (also pushed as server-sent events), log tails, recycle and scale.</summary>
internal static class InstanceApi
{
    public static void Map(WebApplication app, IDashboardSource source, LiveFeed feed, TimeProvider time)
    {
        app.MapGet("/api/session", (HttpContext context, IAntiforgery antiforgery) =>
            Results.Json(new { antiforgery = antiforgery.GetAndStoreTokens(context).RequestToken }));
        app.MapGet("/api/overview", () => Results.Json(source.GetSnapshot(), DashboardJson.Options));
        app.MapGet("/api/events", (HttpContext context) => StreamAsync(context, feed));
        app.MapGet("/api/instances/{id}", (string id) =>
            Find(source.GetSnapshot(), id) is { } instance
                ? Results.Json(new { instance, now = time.GetUtcNow() }, DashboardJson.Options)
                : NoInstance(id));
        app.MapGet("/api/instances/{id}/log", (string id, long? from) =>
            source.LogFileOf(id) is { } path ? Results.Json(LogTail.Read(path, from), DashboardJson.Options) : NoInstance(id));
        app.MapPost("/api/instances/{id}/recycle", async (string id, CancellationToken ct) =>
            await source.RecycleAsync(id, ct).ConfigureAwait(false) is { } error
                ? Results.Json(new { error }, statusCode: StatusCodes.Status409Conflict)
                : Results.Json(new { message = $"{id}: recycle requested" }, statusCode: StatusCodes.Status202Accepted));
        app.MapPost("/api/roles/{role}/scale", async (string role, HttpRequest request, CancellationToken ct) =>
        {
            var count = await ReadCountAsync(request, ct).ConfigureAwait(false);
            if (count is null)
            {
                return Results.Json(new { error = "the body must be {\"count\": N}" }, statusCode: StatusCodes.Status400BadRequest);
            }

            return await source.ScaleAsync(role, count.Value, ct).ConfigureAwait(false) is { } error
                ? Results.Json(new { error }, statusCode: StatusCodes.Status400BadRequest)
                : Results.Json(new { message = $"{role}: {count} instances" });
        });
    }

    private static IResult NoInstance(string id) => Results.Json(new { error = $"no instance '{id}'" }, statusCode: StatusCodes.Status404NotFound);

    private static InstanceView? Find(DashboardSnapshot snapshot, string id) =>
        snapshot.Deployments.SelectMany(d => d.Roles).SelectMany(r => r.Instances)
            .FirstOrDefault(i => string.Equals(i.InstanceId, id, StringComparison.OrdinalIgnoreCase));

    private static async Task<int?> ReadCountAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct).ConfigureAwait(false);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("count", out var count)
                && count.TryGetInt32(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task StreamAsync(HttpContext context, LiveFeed feed)
    {
        context.Response.ContentType = "text/event-stream";
        var reader = feed.Subscribe();
        try
        {
            await foreach (var json in reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                await context.Response.Body.WriteAsync("data: "u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.WriteAsync("\n\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
        finally
        {
            feed.Unsubscribe(reader);
        }
    }
}
