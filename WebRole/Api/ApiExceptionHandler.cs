using System.Globalization;
using BackgroundRoles.Jobs;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// Turns what an endpoint could not deal with into problem details instead of a 500: unavailable storage is 503 with
/// <c>Retry-After</c> (a dependency is down, not the request wrong); a malformed or oversized request is 400 or 413;
/// an idempotency key reused for another request is 422. Anything else stays a 500, as a bug should.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Classify(exception);
        if (status == 0)
        {
            return false;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            Log.StorageUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path.ToString(), exception.Message);
            httpContext.Response.Headers.RetryAfter = ((int)WebRoleDefaults.StorageRetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            Log.BadRequest(logger, httpContext.Request.Method, httpContext.Request.Path.ToString(), status, exception.Message);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }

    /// <summary>The status, title and detail for an exception; status 0 for one that is a bug.</summary>
    internal static (int Status, string? Title, string? Detail) Classify(Exception exception) => exception switch
    {
        // The storage message names the operation only; still, a client learns nothing from it, the log does.
        JobStorageException => (StatusCodes.Status503ServiceUnavailable, "Storage is unavailable", "The job store cannot be reached; try again later."),
        IdempotencyConflictException conflict => (StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for a different request", conflict.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "The request body is too large", "The request body exceeds what this endpoint accepts."),
        BadHttpRequestException bad => (bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest, "The request is malformed", bad.Message),
        InvalidDataException invalid => (StatusCodes.Status400BadRequest, "The request body is malformed", invalid.Message),
        _ => (0, null, null),
    };

    private static partial class Log
    {
        [LoggerMessage(4010, LogLevel.Warning, "{Method} {Path}: storage is unavailable, answered 503: {Reason}")]
        public static partial void StorageUnavailable(ILogger logger, string method, string path, string reason);

        [LoggerMessage(4011, LogLevel.Information, "{Method} {Path}: answered {Status}: {Reason}")]
        public static partial void BadRequest(ILogger logger, string method, string path, int status, string reason);
    }
}
