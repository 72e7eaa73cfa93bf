using BackgroundRoles.Jobs.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Pipeline.Internal;

/// <summary>The message pipeline's log messages; event ids come from <see cref="JobEventIds"/>.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = JobEventIds.JobStarted, Level = LogLevel.Debug, Message = "Job {JobId} ({JobType}) from {Queue} started, attempt {Attempt}")]
    public static partial void JobStarted(ILogger logger, string jobId, string jobType, string queue, int attempt);

    [LoggerMessage(EventId = JobEventIds.JobSucceeded, Level = LogLevel.Debug, Message = "Job {JobId} ({JobType}) from {Queue} succeeded on attempt {Attempt}")]
    public static partial void JobSucceeded(ILogger logger, string jobId, string jobType, string queue, int attempt);

    [LoggerMessage(EventId = JobEventIds.JobFailed, Level = LogLevel.Warning, Message = "Job {JobId} ({JobType}) from {Queue} failed on attempt {Attempt}; retrying in {Delay}")]
    public static partial void JobFailed(ILogger logger, string jobId, string jobType, string queue, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = JobEventIds.JobPoisoned, Level = LogLevel.Error, Message = "Job {JobId} (message {MessageId}) from {Queue} moved to the poison queue ({Reason}) after {Attempts} attempts")]
    public static partial void JobPoisoned(ILogger logger, string? jobId, string messageId, string queue, PoisonReason reason, int attempts, Exception exception);

    [LoggerMessage(EventId = JobEventIds.DuplicateDeleted, Level = LogLevel.Information, Message = "Job {JobId} from {Queue} is already {State}; its repeated message was deleted")]
    public static partial void DuplicateDeleted(ILogger logger, string jobId, string queue, JobState state);

    [LoggerMessage(EventId = JobEventIds.CancelledDropped, Level = LogLevel.Information, Message = "Job {JobId} from {Queue} was cancelled; its message was deleted without running it")]
    public static partial void CancelledDropped(ILogger logger, string jobId, string queue);

    [LoggerMessage(EventId = JobEventIds.JobEndedFailed, Level = LogLevel.Warning, Message = "Job {JobId} ({JobType}) from {Queue} ended Failed: {Reason}")]
    public static partial void JobEndedFailed(ILogger logger, string jobId, string jobType, string queue, string reason);

    [LoggerMessage(EventId = JobEventIds.StaleSkipped, Level = LogLevel.Warning, Message = "Job {JobId} is stale: sequence {Sequence} of ordering key {OrderingKey} was already processed; not run")]
    public static partial void StaleSkipped(ILogger logger, string jobId, string? orderingKey, long sequence);

    [LoggerMessage(EventId = JobEventIds.WaitingForPredecessor, Level = LogLevel.Debug, Message = "Job {JobId} (ordering key {OrderingKey}, sequence {Sequence}) waits {Delay} for sequence {Expected}")]
    public static partial void WaitingForPredecessor(ILogger logger, string jobId, string orderingKey, long sequence, long expected, TimeSpan delay);

    [LoggerMessage(EventId = JobEventIds.ProcessingFailed, Level = LogLevel.Warning, Message = "Message {MessageId} of {Queue} could not be processed on attempt {Attempt} of {MaxAttempts}, nor released or poisoned; it comes back when its visibility timeout ends")]
    public static partial void ProcessingFailed(ILogger logger, string messageId, string queue, int attempt, int maxAttempts, Exception exception);

    [LoggerMessage(EventId = JobEventIds.ProcessingRetried, Level = LogLevel.Warning, Message = "Message {MessageId} of {Queue} could not be processed on attempt {Attempt} of {MaxAttempts}; retrying in {Delay}")]
    public static partial void ProcessingRetried(ILogger logger, string messageId, string queue, int attempt, int maxAttempts, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = JobEventIds.StatusNotUpdated, Level = LogLevel.Warning, Message = "The status of job {JobId} from {Queue} could not be updated; its message is released or poisoned anyway")]
    public static partial void StatusNotUpdated(ILogger logger, string jobId, string queue, Exception exception);

    [LoggerMessage(EventId = JobEventIds.LateFailureIgnored, Level = LogLevel.Warning, Message = "Job {JobId} (message {MessageId}) of {Queue} failed after its message was released or taken by another worker; its status is left to the next attempt")]
    public static partial void LateFailureIgnored(ILogger logger, string? jobId, string messageId, string queue, Exception exception);

    [LoggerMessage(EventId = JobEventIds.ReplyFailed, Level = LogLevel.Warning, Message = "The reply of job {JobId} to {ReplyTo} could not be sent")]
    public static partial void ReplyFailed(ILogger logger, string jobId, string replyTo, Exception exception);

    [LoggerMessage(EventId = JobEventIds.RunningNotWritten, Level = LogLevel.Warning, Message = "The Running status of job {JobId} from {Queue} could not be written; the handler goes on")]
    public static partial void RunningNotWritten(ILogger logger, string jobId, string queue, Exception exception);
}
