using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// The API that hands work to the worker role: submit a thumbnail or an order (202 with <c>Location</c> of the
/// job), read a job's status, fetch a finished thumbnail. Bad input gets 400, 413 or 415 with problem details and
/// puts nothing on a queue. A submission may be due later (<c>?runAt=</c> ISO 8601 or <c>?delay=</c> seconds) and
/// cancellable (<c>?cancellable=true</c>; always so with a due time): <c>DELETE /api/jobs/{id}</c> cancels it while it
/// waits, 409 with the reason once it runs or has ended. An <c>Idempotency-Key</c> reused for a different request gets 422 and stores nothing;
/// A submission may ask for a webhook (<c>?callbackUrl=</c>, see <see cref="CallbackUrl"/>): 400 naming the parameter
/// unless it is http(s) to an allowed host. Unavailable storage gets 503 with <c>Retry-After</c> (<see cref="ApiExceptionHandler"/>).
/// </summary>
internal static partial class JobsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapPost("/thumbnails", SubmitThumbnailAsync);
        api.MapPost("/orders", SubmitOrderAsync);
        api.MapGet("/jobs/{id}", GetJobAsync);
        api.MapDelete("/jobs/{id}", CancelJobAsync);
        api.MapGet("/thumbnails/{id}", GetThumbnailAsync);
    }

    private static async Task<IResult> SubmitThumbnailAsync(HttpRequest request, JobStorage storage, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = IdempotencyKey(request);
        var (options, dueErrors) = DueTime.Read(request, Options(key), clock.GetUtcNow());
        if (dueErrors.Count > 0)
        {
            return Results.ValidationProblem(dueErrors, title: "The due time is not valid");
        }

        (options, var callbackErrors) = CallbackUrl.Read(request, options, storage.Jobs.CallbackHosts);
        if (callbackErrors.Count > 0)
        {
            return Results.ValidationProblem(callbackErrors, title: "The callback URL is not valid");
        }

        var (content, problem) = await UploadReader.ReadAsync(request, WebRoleDefaults.MaxImageBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (contentType, error) = ImageUpload.Check(content!);
        if (error is not null)
        {
            return Results.Problem(title: "Unsupported image", detail: error, statusCode: StatusCodes.Status400BadRequest);
        }

        var imageId = key is null ? Guid.NewGuid().ToString("N") : ImageIdFor(key, content!);
        var payload = JsonSerializer.Serialize(new ThumbnailJob(imageId, contentType!), JsonOptions);

        // A retry finds its job before uploading again; a reuse for another image is refused before anything is stored.
        if (key is not null && await storage.Jobs.FindSubmissionAsync(JobRoutes.Thumbnail.Queue, key, payload, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return Accepted(earlier);
        }

        using (var stream = new MemoryStream(content!, writable: false))
        {
            await storage.Blobs.UploadAsync(JobQueues.UploadsContainer, imageId, stream, contentType!, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var submission = await storage.Jobs.SubmitAsync(JobRoutes.Thumbnail.Queue, JobRoutes.Thumbnail.JobType, payload, options, cancellationToken).ConfigureAwait(false);
            return Accepted(submission);
        }
        catch (IdempotencyConflictException)
        {
            // Another request took the key between the check and the submit: this image's blob belongs to no job.
            await storage.Blobs.DeleteAsync(JobQueues.UploadsContainer, imageId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<IResult> SubmitOrderAsync(HttpRequest request, JobStorage storage, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (options, dueErrors) = DueTime.Read(request, Options(IdempotencyKey(request)), clock.GetUtcNow());
        if (dueErrors.Count > 0)
        {
            return Results.ValidationProblem(dueErrors, title: "The due time is not valid");
        }

        (options, var callbackErrors) = CallbackUrl.Read(request, options, storage.Jobs.CallbackHosts);
        if (callbackErrors.Count > 0)
        {
            return Results.ValidationProblem(callbackErrors, title: "The callback URL is not valid");
        }

        if (request.ContentLength > WebRoleDefaults.MaxOrderBytes)
        {
            return OrderTooLarge();
        }

        // A chunked body has no length to check up front: it is counted as it is read instead.
        BodyLimit.Apply(request, WebRoleDefaults.MaxOrderBytes);

        OrderRequest? order;
        try
        {
            order = await request.ReadFromJsonAsync<OrderRequest>(JsonOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return OrderTooLarge();
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
        var submission = await storage.Jobs.SubmitAsync(JobRoutes.Order.Queue, JobRoutes.Order.JobType, payload, options, cancellationToken).ConfigureAwait(false);
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

    private static string? IdempotencyKey(HttpRequest request) =>
        request.Headers.TryGetValue(IdempotencyKeyHeader, out var key) && !string.IsNullOrWhiteSpace(key) ? key.ToString() : null;

    private static SubmitOptions Options(string? idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    /// <summary>
    /// The upload's blob name under an idempotency key: the same for a retry of the same image (which then overwrites
    /// the same blob instead of leaving one per retry), different for another image or another key.
    /// </summary>
    private static string ImageIdFor(string idempotencyKey, byte[] content)
    {
        var keyBytes = Encoding.UTF8.GetBytes(idempotencyKey);
        var material = new byte[keyBytes.Length + 1 + SHA256.HashSizeInBytes];
        keyBytes.CopyTo(material, 0);
        SHA256.HashData(content).CopyTo(material, keyBytes.Length + 1);
        return Convert.ToHexStringLower(SHA256.HashData(material))[..32];
    }

    private static IResult OrderTooLarge() =>
        Results.Problem(title: "The order is too large", detail: $"At most {WebRoleDefaults.MaxOrderBytes / 1024} KB is accepted.", statusCode: StatusCodes.Status413PayloadTooLarge);

    private static IResult Accepted(JobSubmission submission) =>
        Results.Accepted($"/api/jobs/{submission.JobId}", new { jobId = submission.JobId, statusUrl = $"/api/jobs/{submission.JobId}", alreadySubmitted = submission.AlreadySubmitted });
}
