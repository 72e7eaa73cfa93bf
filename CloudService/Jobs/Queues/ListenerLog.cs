using BackgroundRoles.Jobs.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Queues;

/// <summary>The listener's log messages (polling, renewal, drain); event ids come from <see cref="JobEventIds"/>.</summary>
internal static partial class ListenerLog
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

    [LoggerMessage(EventId = JobEventIds.LeaseLost, Level = LogLevel.Warning, Message = "Message {MessageId} of {Queue} was taken by another worker (its pop receipt no longer matches)")]
    public static partial void LeaseLost(ILogger logger, string messageId, string queue);

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

    [LoggerMessage(EventId = JobEventIds.QueueMissing, Level = LogLevel.Debug, Message = "Queue processor {Name}: queue {Queue} does not exist")]
    public static partial void QueueMissing(ILogger logger, string name, string queue);
}
