using System.Globalization;
using System.Text.Json;
using BackgroundRoles.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// One open event stream: reads the job's status record every <see cref="WebRoleDefaults.EventsPollInterval"/> and
/// writes an event when its state or progress differs from the last one the client has, a comment line when nothing
/// was written for <paramref name="keepAlive"/> (<see cref="JobEventSettings"/>), and returns after writing a final state. Each write
/// is flushed at once, so a proxy in front sees every event as it happens.
/// </summary>
internal sealed partial class JobEventStream(HttpResponse response, JobStatusStore statuses, TimeSpan keepAlive, TimeProvider time, ILogger logger)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private long _lastWrite;

    /// <summary>Streams from <paramref name="first"/> (already read) until a final state, a client that left, or <paramref name="cancellationToken"/>.</summary>
    public async Task RunAsync(JobStatus first, JobEventId? resumeAfter, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";

        // Asks nginx-style proxies not to hold the stream back; the emulator's balancer relays as it reads anyway.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var jobId = first.JobId;
        var last = resumeAfter;
        var status = first;
        Log.Opened(logger, jobId, resumeAfter?.ToString());
        try
        {
            await WriteAsync(string.Create(CultureInfo.InvariantCulture, $"retry: {(long)WebRoleDefaults.EventsRetry.TotalMilliseconds}\n\n"), cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (last is not { } seen || !seen.Shows(status))
                {
                    var id = JobEventId.Of(status);
                    await WriteAsync($"id: {id}\ndata: {JsonSerializer.Serialize(JobStatusView.From(status), JsonOptions)}\n\n", cancellationToken).ConfigureAwait(false);
                    last = id;
                }

                if (status.IsFinal)
                {
                    Log.Ended(logger, jobId, status.State);
                    return;
                }

                if (time.GetElapsedTime(_lastWrite) >= keepAlive)
                {
                    await WriteAsync(": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                }

                await Task.Delay(WebRoleDefaults.EventsPollInterval, time, cancellationToken).ConfigureAwait(false);
                var (gone, next) = await ReadAsync(jobId, cancellationToken).ConfigureAwait(false);
                if (gone)
                {
                    // Retention deleted the record: nothing more will come, and a reconnect gets 404.
                    Log.Gone(logger, jobId);
                    return;
                }

                status = next ?? status;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left, or the role is stopping: a client reconnects with its Last-Event-ID.
        }
    }

    /// <summary>The record; gone when it was deleted; no status (keep the last) when storage failed after its retries.</summary>
    private async Task<(bool Gone, JobStatus? Status)> ReadAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            var status = await statuses.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
            return (status is null, status);
        }
        catch (JobStorageException e)
        {
            // The stream stays open through an outage; the keep-alive still goes out and the next poll tries again.
            Log.ReadFailed(logger, jobId, e.Message);
            return (false, null);
        }
    }

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        _lastWrite = time.GetTimestamp();
    }

    private static partial class Log
    {
        [LoggerMessage(4020, LogLevel.Debug, "Events of job {JobId}: stream opened (after event {LastEventId})")]
        public static partial void Opened(ILogger logger, string jobId, string? lastEventId);

        [LoggerMessage(4021, LogLevel.Debug, "Events of job {JobId}: stream ended at {State}")]
        public static partial void Ended(ILogger logger, string jobId, JobState state);

        [LoggerMessage(4022, LogLevel.Warning, "Events of job {JobId}: reading the status failed, trying again at the next poll: {Reason}")]
        public static partial void ReadFailed(ILogger logger, string jobId, string reason);

        [LoggerMessage(4023, LogLevel.Information, "Events of job {JobId}: the status record is gone, stream ended")]
        public static partial void Gone(ILogger logger, string jobId);
    }
}
