using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Triggers.Internal;

/// <summary>The blob trigger's log messages.</summary>
internal static partial class BlobTriggerLog
{
    [LoggerMessage(EventId = BlobTriggerEventIds.Starting, Level = LogLevel.Information, Message = "Blob trigger {Name} starting on container {Container} (pattern '{Pattern}'), scanning every {Interval}, cursor {Cursor:O}")]
    public static partial void Starting(ILogger logger, string name, string container, string pattern, TimeSpan interval, DateTimeOffset cursor);

    [LoggerMessage(EventId = BlobTriggerEventIds.Stopped, Level = LogLevel.Information, Message = "Blob trigger {Name} stopped")]
    public static partial void Stopped(ILogger logger, string name);

    [LoggerMessage(EventId = BlobTriggerEventIds.ScanFailed, Level = LogLevel.Warning, Message = "Blob trigger {Name} could not scan: {Reason}; trying again at the next scan")]
    public static partial void ScanFailed(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = BlobTriggerEventIds.Started, Level = LogLevel.Debug, Message = "Blob trigger {Name}: {Blob} ({ETag}) attempt {Attempt}, job {JobId}")]
    public static partial void Started(ILogger logger, string name, string blob, string etag, int attempt, string jobId);

    [LoggerMessage(EventId = BlobTriggerEventIds.Succeeded, Level = LogLevel.Debug, Message = "Blob trigger {Name}: {Blob} ({ETag}) succeeded, job {JobId}")]
    public static partial void Succeeded(ILogger logger, string name, string blob, string etag, string jobId);

    [LoggerMessage(EventId = BlobTriggerEventIds.Failed, Level = LogLevel.Warning, Message = "Blob trigger {Name}: {Blob} ({ETag}) failed, job {JobId}: {Error}")]
    public static partial void Failed(ILogger logger, string name, string blob, string etag, string jobId, string error);

    [LoggerMessage(EventId = BlobTriggerEventIds.Retrying, Level = LogLevel.Warning, Message = "Blob trigger {Name}: {Blob} ({ETag}) attempt {Attempt} failed, next at {RetryAt:O}: {Error}")]
    public static partial void Retrying(ILogger logger, string name, string blob, string etag, int attempt, DateTimeOffset retryAt, string error);

    [LoggerMessage(EventId = BlobTriggerEventIds.Poisoned, Level = LogLevel.Error, Message = "Blob trigger {Name}: {Blob} ({ETag}) poisoned after {Attempts} attempts, job {JobId}: {Error}")]
    public static partial void Poisoned(ILogger logger, string name, string blob, string etag, int attempts, string jobId, string error);

    [LoggerMessage(EventId = BlobTriggerEventIds.ClaimLost, Level = LogLevel.Warning, Message = "Blob trigger {Name}: the claim on {Blob} ({ETag}) was lost; its handler is cancelled")]
    public static partial void ClaimLost(ILogger logger, string name, string blob, string etag);

    [LoggerMessage(EventId = BlobTriggerEventIds.ReceiptNotWritten, Level = LogLevel.Warning, Message = "Blob trigger {Name}: the receipt of {Blob} ({ETag}) was not written ({Reason}); the version will be tried again when its claim expires")]
    public static partial void ReceiptNotWritten(ILogger logger, string name, string blob, string etag, string reason);

    [LoggerMessage(EventId = BlobTriggerEventIds.StatusNotWritten, Level = LogLevel.Warning, Message = "Blob trigger {Name}: the status of job {JobId} was not written: {Reason}")]
    public static partial void StatusNotWritten(ILogger logger, string name, string jobId, string reason);

    [LoggerMessage(EventId = BlobTriggerEventIds.ReleasedOnStop, Level = LogLevel.Information, Message = "Blob trigger {Name}: {Count} unfinished handlers cancelled on stop, their claims given back")]
    public static partial void ReleasedOnStop(ILogger logger, string name, int count);

    [LoggerMessage(EventId = BlobTriggerEventIds.Scanned, Level = LogLevel.Debug, Message = "Blob trigger {Name} scanned: {Listed} blobs listed, {Candidates} past the cursor, {Started} claims tried; cursor {Cursor:O}")]
    public static partial void Scanned(ILogger logger, string name, int listed, int candidates, int started, DateTimeOffset cursor);

    [LoggerMessage(EventId = BlobTriggerEventIds.ClaimFailed, Level = LogLevel.Warning, Message = "Blob trigger {Name} could not claim {Blob} ({ETag}): {Reason}; trying again at the next scan")]
    public static partial void ClaimFailed(ILogger logger, string name, string blob, string etag, string reason);

    [LoggerMessage(EventId = BlobTriggerEventIds.CursorNotWritten, Level = LogLevel.Debug, Message = "Blob trigger {Name}: the cursor was not moved: {Reason}")]
    public static partial void CursorNotWritten(ILogger logger, string name, string reason);
}
