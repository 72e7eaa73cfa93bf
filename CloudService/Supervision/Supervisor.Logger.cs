using BackgroundRoles.Supervision.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Supervision;

public sealed partial class Supervisor
{
    /// <summary>The supervisor's log messages; event ids come from <see cref="SupervisorEventIds"/>.</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = SupervisorEventIds.Starting, Level = LogLevel.Information, Message = "Supervisor starting with {TaskCount} tasks")]
        public static partial void Starting(ILogger logger, int taskCount);

        [LoggerMessage(EventId = SupervisorEventIds.TaskStarted, Level = LogLevel.Debug, Message = "Task {TaskName} started (attempt {Attempt})")]
        public static partial void TaskStarted(ILogger logger, string taskName, int attempt);

        [LoggerMessage(EventId = SupervisorEventIds.TaskFailed, Level = LogLevel.Warning, Message = "Task {TaskName} failed; restarting in {Delay}")]
        public static partial void TaskFailed(ILogger logger, string taskName, TimeSpan delay, Exception? exception);

        [LoggerMessage(EventId = SupervisorEventIds.TaskFailedAgain, Level = LogLevel.Debug, Message = "Task {TaskName} failed again ({Failures} in a row); restarting in {Delay}")]
        public static partial void TaskFailedAgain(ILogger logger, string taskName, int failures, TimeSpan delay, Exception? exception);

        [LoggerMessage(EventId = SupervisorEventIds.TaskFailingRepeatedly, Level = LogLevel.Error, Message = "Task {TaskName} keeps failing ({Failures} in a row); restarting in {Delay}")]
        public static partial void TaskFailingRepeatedly(ILogger logger, string taskName, int failures, TimeSpan delay, Exception? exception);

        [LoggerMessage(EventId = SupervisorEventIds.TaskRecovered, Level = LogLevel.Information, Message = "Task {TaskName} recovered after {Failures} failures in a row")]
        public static partial void TaskRecovered(ILogger logger, string taskName, int failures);

        [LoggerMessage(EventId = SupervisorEventIds.TaskStalled, Level = LogLevel.Warning, Message = "Task {TaskName} sent no heartbeat for {StallTimeout}; cancelling it to restart it")]
        public static partial void TaskStalled(ILogger logger, string taskName, TimeSpan stallTimeout);

        [LoggerMessage(EventId = SupervisorEventIds.TaskLeaked, Level = LogLevel.Error, Message = "Task {TaskName} ignored cancellation for {Grace}; it is leaked and the supervisor goes on without it")]
        public static partial void TaskLeaked(ILogger logger, string taskName, TimeSpan grace);

        [LoggerMessage(EventId = SupervisorEventIds.LeakedTaskEnded, Level = LogLevel.Warning, Message = "Leaked task {TaskName} ended at last ({Status})")]
        public static partial void LeakedTaskEnded(ILogger logger, string taskName, TaskStatus status, Exception? exception);

        [LoggerMessage(EventId = SupervisorEventIds.TaskFailedWhileStopping, Level = LogLevel.Warning, Message = "Task {TaskName} failed while being cancelled")]
        public static partial void TaskFailedWhileStopping(ILogger logger, string taskName, Exception exception);

        [LoggerMessage(EventId = SupervisorEventIds.Escalating, Level = LogLevel.Critical, Message = "Escalating because of task {TaskName}: {Reason}; cancelling every task")]
        public static partial void Escalating(ILogger logger, string? taskName, EscalationReason? reason, Exception? exception);

        [LoggerMessage(EventId = SupervisorEventIds.FatalError, Level = LogLevel.Critical, Message = "Task {TaskName} hit a fatal error; cancelling every task and rethrowing")]
        public static partial void FatalError(ILogger logger, string taskName, Exception exception);

        [LoggerMessage(EventId = SupervisorEventIds.Frozen, Level = LogLevel.Warning, Message = "Supervisor frozen: no task runs until it is unfrozen")]
        public static partial void Frozen(ILogger logger);

        [LoggerMessage(EventId = SupervisorEventIds.Unfrozen, Level = LogLevel.Information, Message = "Supervisor unfrozen: starting the tasks")]
        public static partial void Unfrozen(ILogger logger);

        [LoggerMessage(EventId = SupervisorEventIds.Stopping, Level = LogLevel.Information, Message = "Supervisor stopping within {Budget}: tasks get {TaskGrace} (drain {Drain}, release {Release}, handler grace {HandlerGrace}), {HostReserve} is kept for the host")]
        public static partial void Stopping(ILogger logger, TimeSpan budget, TimeSpan taskGrace, TimeSpan drain, TimeSpan release, TimeSpan handlerGrace, TimeSpan hostReserve);

        [LoggerMessage(EventId = SupervisorEventIds.TaskDidNotStop, Level = LogLevel.Error, Message = "Task {TaskName} did not finish within the stop budget")]
        public static partial void TaskDidNotStop(ILogger logger, string taskName);

        [LoggerMessage(EventId = SupervisorEventIds.Stopped, Level = LogLevel.Information, Message = "Supervisor stopped in {Elapsed}: {Finished} tasks finished, {Unfinished} did not")]
        public static partial void Stopped(ILogger logger, TimeSpan elapsed, int finished, int unfinished);

        [LoggerMessage(EventId = SupervisorEventIds.HealthChangedHandlerFailed, Level = LogLevel.Error, Message = "A HealthChanged or StateChanged handler threw")]
        public static partial void HealthChangedHandlerFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = SupervisorEventIds.TaskDegraded, Level = LogLevel.Error, Message = "Task {TaskName} failed and its decider stopped it; the role goes on degraded without it")]
        public static partial void TaskDegraded(ILogger logger, string taskName, Exception exception);
    }
}
