using BackgroundRoles.Jobs.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs;

public sealed partial class QueueProcessor
{
    /// <summary>The processor's log messages; event ids come from <see cref="JobEventIds"/>.</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = JobEventIds.ProcessorStarting, Level = LogLevel.Information, Message = "Queue processor {Name} starting: {QueueCount} queues, prefix {Prefix}, {MaxConcurrency} handlers at most")]
        public static partial void Starting(ILogger logger, string name, int queueCount, string? prefix, int maxConcurrency);

        [LoggerMessage(EventId = JobEventIds.ProcessorStopped, Level = LogLevel.Information, Message = "Queue processor {Name} stopped")]
        public static partial void Stopped(ILogger logger, string name);

        [LoggerMessage(EventId = JobEventIds.QueuesDiscovered, Level = LogLevel.Information, Message = "Queue processor {Name} found {Count} queues with prefix {Prefix}: {Queues}")]
        public static partial void QueuesDiscovered(ILogger logger, string name, string prefix, int count, string queues);

        [LoggerMessage(EventId = JobEventIds.PollFailed, Level = LogLevel.Warning, Message = "Queue processor {Name} could not poll storage; backing off")]
        public static partial void PollFailed(ILogger logger, string name, Exception exception);

        [LoggerMessage(EventId = JobEventIds.PollFailedAgain, Level = LogLevel.Debug, Message = "Queue processor {Name} could not poll storage ({Failures} times in a row)")]
        public static partial void PollFailedAgain(ILogger logger, string name, int failures, Exception exception);

        [LoggerMessage(EventId = JobEventIds.PollFailingRepeatedly, Level = LogLevel.Error, Message = "Queue processor {Name} has not reached storage for {Failures} polls in a row")]
        public static partial void PollFailingRepeatedly(ILogger logger, string name, int failures, Exception exception);

        [LoggerMessage(EventId = JobEventIds.PollRecovered, Level = LogLevel.Information, Message = "Queue processor {Name} reaches storage again after {Failures} failed polls")]
        public static partial void PollRecovered(ILogger logger, string name, int failures);

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

        [LoggerMessage(EventId = JobEventIds.JobEndedFailed, Level = LogLevel.Warning, Message = "Job {JobId} ({JobType}) from {Queue} ended Failed: {Reason}")]
        public static partial void JobEndedFailed(ILogger logger, string jobId, string jobType, string queue, string reason);

        [LoggerMessage(EventId = JobEventIds.StaleSkipped, Level = LogLevel.Warning, Message = "Job {JobId} is stale: sequence {Sequence} of ordering key {OrderingKey} was already processed; not run")]
        public static partial void StaleSkipped(ILogger logger, string jobId, string? orderingKey, long sequence);

        [LoggerMessage(EventId = JobEventIds.WaitingForPredecessor, Level = LogLevel.Debug, Message = "Job {JobId} (ordering key {OrderingKey}, sequence {Sequence}) waits {Delay} for sequence {Expected}")]
        public static partial void WaitingForPredecessor(ILogger logger, string jobId, string orderingKey, long sequence, long expected, TimeSpan delay);

        [LoggerMessage(EventId = JobEventIds.LeaseLost, Level = LogLevel.Warning, Message = "Message {MessageId} of {Queue} was taken by another worker (its pop receipt no longer matches)")]
        public static partial void LeaseLost(ILogger logger, string messageId, string queue);

        [LoggerMessage(EventId = JobEventIds.ProcessingFailed, Level = LogLevel.Warning, Message = "Message {MessageId} of {Queue} could not be processed on attempt {Attempt} of {MaxAttempts}, nor released or poisoned; it comes back when its visibility timeout ends")]
        public static partial void ProcessingFailed(ILogger logger, string messageId, string queue, int attempt, int maxAttempts, Exception exception);

        [LoggerMessage(EventId = JobEventIds.ProcessingRetried, Level = LogLevel.Warning, Message = "Message {MessageId} of {Queue} could not be processed on attempt {Attempt} of {MaxAttempts}; retrying in {Delay}")]
        public static partial void ProcessingRetried(ILogger logger, string messageId, string queue, int attempt, int maxAttempts, TimeSpan delay, Exception exception);

        [LoggerMessage(EventId = JobEventIds.StatusNotUpdated, Level = LogLevel.Warning, Message = "The status of job {JobId} from {Queue} could not be updated; its message is released or poisoned anyway")]
        public static partial void StatusNotUpdated(ILogger logger, string jobId, string queue, Exception exception);

        [LoggerMessage(EventId = JobEventIds.LateFailureIgnored, Level = LogLevel.Warning, Message = "Job {JobId} (message {MessageId}) of {Queue} failed after its message was released or taken by another worker; its status is left to the next attempt")]
        public static partial void LateFailureIgnored(ILogger logger, string? jobId, string messageId, string queue, Exception exception);

        [LoggerMessage(EventId = JobEventIds.ReleaseFailed, Level = LogLevel.Warning, Message = "Message {MessageId} of {Queue} could not be released on stop; it comes back when its visibility timeout ends")]
        public static partial void ReleaseFailed(ILogger logger, string messageId, string queue, Exception exception);

        [LoggerMessage(EventId = JobEventIds.RenewalFailed, Level = LogLevel.Warning, Message = "The visibility of message {MessageId} of {Queue} could not be renewed; trying again")]
        public static partial void RenewalFailed(ILogger logger, string messageId, string queue, Exception exception);

        [LoggerMessage(EventId = JobEventIds.Draining, Level = LogLevel.Information, Message = "Queue processor {Name} stopping: {Count} jobs in flight may finish within {DrainTimeout}")]
        public static partial void Draining(ILogger logger, string name, int count, TimeSpan drainTimeout);

        [LoggerMessage(EventId = JobEventIds.DrainTimedOut, Level = LogLevel.Warning, Message = "Queue processor {Name}: {Count} jobs did not finish in time; cancelling them and releasing their messages")]
        public static partial void DrainTimedOut(ILogger logger, string name, int count);

        [LoggerMessage(EventId = JobEventIds.ReleasedOnStop, Level = LogLevel.Information, Message = "Message {MessageId} of {Queue} released for another instance")]
        public static partial void ReleasedOnStop(ILogger logger, string messageId, string queue);

        [LoggerMessage(EventId = JobEventIds.HandlersLeaked, Level = LogLevel.Error, Message = "Queue processor {Name}: {Count} handlers did not end within {HandlerGrace} of their cancellation; their messages were released anyway")]
        public static partial void HandlersLeaked(ILogger logger, string name, int count, TimeSpan handlerGrace);

        [LoggerMessage(EventId = JobEventIds.ReplyFailed, Level = LogLevel.Warning, Message = "The reply of job {JobId} to {ReplyTo} could not be sent")]
        public static partial void ReplyFailed(ILogger logger, string jobId, string replyTo, Exception exception);

        [LoggerMessage(EventId = JobEventIds.QueueMissing, Level = LogLevel.Debug, Message = "Queue processor {Name}: queue {Queue} does not exist")]
        public static partial void QueueMissing(ILogger logger, string name, string queue);
    }
}
