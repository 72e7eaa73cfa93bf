using System.Text.Json;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Inspection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>
/// The storage pages' API over the account the service uses, through the jobs library only: queues and their
/// messages (peek, requeue, delete). Without an account every call answers that there is none.
/// </summary>
internal static partial class StorageApi
{
    public static void Map(WebApplication app, JobStorage? storage, QueueDepths? depths, TimeProvider time)
    {
        var inspector = storage is null ? null : new QueueInspector(storage);
        app.MapGet("/api/queues", (CancellationToken ct) => WithStorage(inspector, async i =>
        {
            var queues = await i.ListQueuesAsync(ct).ConfigureAwait(false);
            depths?.Record(queues);
            return Results.Json(new
            {
                queues = queues.Select(q => new { q.Name, q.ApproximateDepth, q.SourceQueue, q.IsPoison, history = depths?.History(q.Name).Select(s => s.Depth) ?? [] }),
            }, DashboardJson.Options);
        }));
        app.MapGet("/api/queues/{name}/messages", (string name, CancellationToken ct) => WithStorage(inspector, async i =>
            Results.Json(new { messages = (await i.PeekAsync(name, DashboardDefaults.MaxPeekedMessages, ct).ConfigureAwait(false)).Select(Shown) }, DashboardJson.Options)));
        app.MapPost("/api/queues/{name}/requeue", (string name, HttpRequest request, CancellationToken ct) => WithStorage(inspector, async i =>
            await ReadMessageIdAsync(request, ct).ConfigureAwait(false) is not { } id
                ? BadBody()
                : await i.RequeueAsync(name, id, ct).ConfigureAwait(false)
                    ? Results.Json(new { message = $"message {id} requeued to its source queue" })
                    : Gone(id, name)));
        app.MapPost("/api/queues/{name}/requeue-all", (string name, CancellationToken ct) => WithStorage(inspector, async i =>
            Results.Json(new { message = $"{await i.RequeueAllAsync(name, ct).ConfigureAwait(false)} messages requeued" })));
        app.MapPost("/api/queues/{name}/delete", (string name, HttpRequest request, CancellationToken ct) => WithStorage(inspector, async i =>
            await ReadMessageIdAsync(request, ct).ConfigureAwait(false) is not { } id
                ? BadBody()
                : await i.DeleteAsync(name, id, ct).ConfigureAwait(false)
                    ? Results.Json(new { message = $"message {id} deleted" })
                    : Gone(id, name)));
        app.MapPost("/api/queues/{name}/delete-all", (string name, CancellationToken ct) => WithStorage(inspector, async i =>
        {
            await i.DeleteAllAsync(name, ct).ConfigureAwait(false);
            return Results.Json(new { message = $"every message of {name} deleted" });
        }));
        MapJobs(app, storage, time);
        MapTriggers(app, storage);
    }

    /// <summary>A message as the page shows it: a payload longer than the page shows is cut, with a note.</summary>
    private static object Shown(PeekedMessage message) => new
    {
        message.MessageId,
        message.DequeueCount,
        message.InsertedAt,
        message.ExpiresAt,
        text = Cut(message.Job is null ? message.Text : null),
        job = message.Job is { } job ? job with { Payload = Cut(job.Payload), Checkpoint = Cut(job.Checkpoint) } : null,
        message.Poison,
    };

    /// <summary>A text longer than the page shows, cut with a note of how much more there is.</summary>
    internal static string? Cut(string? text) =>
        text is null || text.Length <= DashboardDefaults.MaxShownPayloadChars
            ? text
            : string.Concat(text.AsSpan(0, DashboardDefaults.MaxShownPayloadChars), $"… ({text.Length - DashboardDefaults.MaxShownPayloadChars} more characters)");

    private static async Task<IResult> WithStorage<T>(T? storage, Func<T, Task<IResult>> call)
        where T : class
    {
        if (storage is null)
        {
            return Results.Json(new { error = "the service names no storage account (no role has a StorageConnectionString setting)" }, statusCode: StatusCodes.Status404NotFound);
        }

        try
        {
            return await call(storage).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (InvalidDataException e)
        {
            return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status409Conflict);
        }
        catch (JobStorageException e)
        {
            return Results.Json(new { error = "storage: " + e.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult BadBody() => Results.Json(new { error = "the body must be {\"messageId\": \"...\"}" }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult Gone(string id, string queue) =>
        Results.Json(new { error = $"message {id} is no longer in {queue}" }, statusCode: StatusCodes.Status404NotFound);

    private static async Task<string?> ReadMessageIdAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct).ConfigureAwait(false);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("messageId", out var id)
                && id.ValueKind == JsonValueKind.String
                && id.GetString() is { Length: > 0 } value ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
