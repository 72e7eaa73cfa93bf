using BackgroundRoles.Jobs.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Callbacks.Internal;

/// <summary>The webhook sender's log messages. Only the URL's host and port are logged: a query may hold a token.</summary>
internal static partial class CallbackLog
{
    [LoggerMessage(EventId = JobEventIds.CallbackDelivered, Level = LogLevel.Debug, Message = "The callback of job {JobId} to {Host} was delivered on attempt {Attempt}")]
    public static partial void Delivered(ILogger logger, string jobId, string host, int attempt);

    [LoggerMessage(EventId = JobEventIds.CallbackRetrying, Level = LogLevel.Warning, Message = "The callback of job {JobId} to {Host} failed on attempt {Attempt} of {MaxAttempts} ({Error}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string jobId, string host, int attempt, int maxAttempts, string error, TimeSpan delay);

    [LoggerMessage(EventId = JobEventIds.CallbackGaveUp, Level = LogLevel.Error, Message = "The callback of job {JobId} to {Host} was given up after {Attempts} attempts: {Error}")]
    public static partial void GaveUp(ILogger logger, string jobId, string host, int attempts, string error);

    [LoggerMessage(EventId = JobEventIds.CallbackRefused, Level = LogLevel.Warning, Message = "The callback of job {JobId} was not sent: {Reason}")]
    public static partial void Refused(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = JobEventIds.CallbackNotRecorded, Level = LogLevel.Warning, Message = "The callback of job {JobId} ended {Outcome}, but that could not be written to its status record")]
    public static partial void NotRecorded(ILogger logger, string jobId, CallbackOutcome outcome, Exception exception);

    [LoggerMessage(EventId = JobEventIds.CallbackSwept, Level = LogLevel.Information, Message = "The callback sweep took over {Count} callbacks of queue {Queue} whose sender died or stopped")]
    public static partial void Swept(ILogger logger, int count, string queue);

    [LoggerMessage(EventId = JobEventIds.CallbackClaimLost, Level = LogLevel.Information, Message = "The callback of job {JobId} was taken over by another sender; this one leaves it")]
    public static partial void ClaimLost(ILogger logger, string jobId);

    [LoggerMessage(EventId = JobEventIds.CallbackSweepFailed, Level = LogLevel.Warning, Message = "The callback sweep of queue {Queue} failed; it tries again at its next run")]
    public static partial void SweepFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(EventId = JobEventIds.CallbackNotReleased, Level = LogLevel.Warning, Message = "The callback of job {JobId} could not be handed back on stop; a sweep takes it once its claim runs out")]
    public static partial void NotReleased(ILogger logger, string jobId, Exception? exception);

    [LoggerMessage(EventId = JobEventIds.CallbackInterrupted, Level = LogLevel.Warning, Message = "The callback of job {JobId} was interrupted; a sweep goes on with it once its claim runs out")]
    public static partial void Interrupted(ILogger logger, string jobId, Exception exception);
}
