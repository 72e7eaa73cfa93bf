using System.Text.Json;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// The API that hands work to the worker role: submit a thumbnail or an order (202 with <c>Location</c> of the
/// job), read a job's status, fetch a finished thumbnail. Bad input gets 400 or 413 with problem details and
/// puts nothing on a queue.
/// </summary>
internal static class JobsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapPost("/thumbnails", SubmitThumbnailAsync);
        api.MapPost("/orders", SubmitOrderAsync);
        api.MapGet("/jobs/{id}", GetJobAsync);
        api.MapGet("/thumbnails/{id}", GetThumbnailAsync);
    }

    private static async Task<IResult> SubmitThumbnailAsync(HttpRequest request, JobStorage storage, CancellationToken cancellationToken)
    {
        var (content, problem) = await UploadReader.ReadAsync(request, ImageUpload.MaxBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (contentType, error) = ImageUpload.Check(content!);
        if (error is not null)
        {
            return Results.Problem(title: "Unsupported image", detail: error, statusCode: StatusCodes.Status400BadRequest);
        }

        var imageId = Guid.NewGuid().ToString("N");
        using (var stream = new MemoryStream(content!, writable: false))
        {
            await storage.Blobs.UploadAsync(JobQueues.UploadsContainer, imageId, stream, contentType!, cancellationToken).ConfigureAwait(false);
        }

        var payload = JsonSerializer.Serialize(new ThumbnailJob(imageId, contentType!), JsonOptions);
        var submission = await storage.Jobs.SubmitAsync(JobQueues.Thumbnails, JobTypes.Thumbnail, payload, Options(request), cancellationToken).ConfigureAwait(false);
        return Accepted(submission);
    }

    private static async Task<IResult> SubmitOrderAsync(HttpRequest request, JobStorage storage, CancellationToken cancellationToken)
    {
        OrderRequest? order;
        try
        {
            order = await request.ReadFromJsonAsync<OrderRequest>(JsonOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Results.Problem(title: "The order is not valid JSON", detail: $"{e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (InvalidOperationException)
        {
            return Results.Problem(title: "The order must be JSON", detail: "Send Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var errors = order?.Validate() ?? new Dictionary<string, string[]> { ["body"] = ["An order is required."] };
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The order is not valid");
        }

        var payload = JsonSerializer.Serialize(order!.ToJob(), JsonOptions);
        var submission = await storage.Jobs.SubmitAsync(JobQueues.Orders, JobTypes.Order, payload, Options(request), cancellationToken).ConfigureAwait(false);
        return Accepted(submission);
    }

    private static async Task<IResult> GetJobAsync(string id, JobStorage storage, CancellationToken cancellationToken)
    {
        var status = await storage.Statuses.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return status is null
            ? Results.Problem(title: "No such job", detail: $"There is no job {id}.", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(JobStatusView.From(status));
    }

    private static async Task<IResult> GetThumbnailAsync(string id, JobStorage storage, CancellationToken cancellationToken)
    {
        var status = await storage.Statuses.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (status is not { JobType: JobTypes.Thumbnail })
        {
            return Results.Problem(title: "No such thumbnail", detail: $"There is no thumbnail job {id}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (status.State != JobState.Succeeded)
        {
            return Results.Problem(title: "The thumbnail is not ready", detail: $"Job {id} is {status.State}.", statusCode: StatusCodes.Status404NotFound);
        }

        var image = await storage.Blobs.DownloadAsync(JobQueues.ThumbnailsContainer, id, cancellationToken).ConfigureAwait(false);
        return image is null
            ? Results.Problem(title: "The thumbnail is missing", detail: $"Job {id} succeeded but its image is gone.", statusCode: StatusCodes.Status404NotFound)
            : Results.File(image.Content, image.ContentType);
    }

    private static SubmitOptions Options(HttpRequest request) => new()
    {
        IdempotencyKey = request.Headers.TryGetValue(IdempotencyKeyHeader, out var key) && !string.IsNullOrWhiteSpace(key) ? key.ToString() : null,
    };

    private static IResult Accepted(JobSubmission submission) =>
        Results.Accepted($"/api/jobs/{submission.JobId}", new { jobId = submission.JobId, statusUrl = $"/api/jobs/{submission.JobId}", alreadySubmitted = submission.AlreadySubmitted });
}
