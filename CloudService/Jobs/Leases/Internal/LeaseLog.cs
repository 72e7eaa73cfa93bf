using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Leases.Internal;

/// <summary>Log messages of leases and singletons.</summary>
internal static partial class LeaseLog
{
    [LoggerMessage(EventId = CoordinationEventIds.LeaseAcquired, Level = LogLevel.Debug, Message = "Lease {Lease} acquired by {Instance} for {LeaseTime}.")]
    public static partial void Acquired(ILogger logger, string lease, string instance, TimeSpan leaseTime);

    [LoggerMessage(EventId = CoordinationEventIds.LeaseReleased, Level = LogLevel.Debug, Message = "Lease {Lease} released by {Instance}.")]
    public static partial void Released(ILogger logger, string lease, string instance);

    [LoggerMessage(EventId = CoordinationEventIds.LeaseLost, Level = LogLevel.Warning, Message = "Lease {Lease} lost by {Instance}: {Reason}. Its holder's work is cancelled.")]
    public static partial void Lost(ILogger logger, string lease, string instance, string reason);

    [LoggerMessage(EventId = CoordinationEventIds.LeaseReleaseFailed, Level = LogLevel.Warning, Message = "Lease {Lease} could not be released ({Reason}); it expires on its own.")]
    public static partial void ReleaseFailed(ILogger logger, string lease, string reason);

    [LoggerMessage(EventId = CoordinationEventIds.LeaseAcquireFailed, Level = LogLevel.Warning, Message = "Lease {Lease} could not be tried ({Reason}); trying again.")]
    public static partial void AcquireFailed(ILogger logger, string lease, string reason);

    [LoggerMessage(EventId = CoordinationEventIds.LeaseHolderNotRecorded, Level = LogLevel.Warning, Message = "Lease {Lease} is held, but its holder could not be written on it ({Reason}); status shows no holder.")]
    public static partial void HolderNotRecorded(ILogger logger, string lease, string reason);

    [LoggerMessage(EventId = CoordinationEventIds.SingletonWaiting, Level = LogLevel.Information, Message = "Singleton {Task} waits: another instance holds it.")]
    public static partial void SingletonWaiting(ILogger logger, string task);

    [LoggerMessage(EventId = CoordinationEventIds.SingletonRunning, Level = LogLevel.Information, Message = "Singleton {Task} runs on {Instance}.")]
    public static partial void SingletonRunning(ILogger logger, string task, string instance);

    [LoggerMessage(EventId = CoordinationEventIds.SingletonLostLease, Level = LogLevel.Warning, Message = "Singleton {Task} stopped on {Instance}: its lease was lost; waiting to hold it again.")]
    public static partial void SingletonLostLease(ILogger logger, string task, string instance);
}
