using BackgroundRoles.Hosting.Protocol;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Hosting.Internal;

/// <summary>The role host's log messages; event ids 1000-1099 (see docs/ARCHITECTURE.md).</summary>
internal static partial class RoleHostLog
{
    [LoggerMessage(1000, LogLevel.Information, "Instance {InstanceId} of deployment {DeploymentId} starting: OnStart")]
    public static partial void Starting(ILogger logger, string instanceId, string deploymentId);

    [LoggerMessage(1001, LogLevel.Information, "Ready after {ElapsedMs:F0} ms: running Run")]
    public static partial void Ready(ILogger logger, double elapsedMs);

    [LoggerMessage(1002, LogLevel.Information, "Run entered")]
    public static partial void RunEntered(ILogger logger);

    [LoggerMessage(1003, LogLevel.Information, "Stopping ({Reason}): Stopping event, then OnStop, within {BudgetSeconds:F0} s")]
    public static partial void StoppingInstance(ILogger logger, string reason, double budgetSeconds);

    [LoggerMessage(1004, LogLevel.Information, "Stopped in {ElapsedMs:F0} ms, exit code {ExitCode}")]
    public static partial void Stopped(ILogger logger, double elapsedMs, int exitCode);

    [LoggerMessage(1005, LogLevel.Information, "Instance status {Status}")]
    public static partial void StatusChanged(ILogger logger, InstanceStatus status);

    [LoggerMessage(1006, LogLevel.Warning, "Freeze=true: the instance is parked before OnStart and Run until Freeze=false, a stop or a recycle")]
    public static partial void Frozen(ILogger logger);

    [LoggerMessage(1007, LogLevel.Information, "Freeze=false: starting the role (OnStart)")]
    public static partial void Unfrozen(ILogger logger);

    [LoggerMessage(1010, LogLevel.Error, "OnStart returned false: the instance stops")]
    public static partial void OnStartReturnedFalse(ILogger logger);

    [LoggerMessage(1011, LogLevel.Critical, "Unhandled exception in {Method}: the instance ends without Stopping or OnStop")]
    public static partial void UnhandledException(ILogger logger, string method, Exception exception);

    [LoggerMessage(1012, LogLevel.Error, "{Step} threw; going on with the stop")]
    public static partial void StopStepFailed(ILogger logger, string step, Exception exception);

    [LoggerMessage(1013, LogLevel.Error, "Stopping and OnStop did not finish within the stop budget of {BudgetSeconds:F0} s: ending the process")]
    public static partial void StopBudgetExceeded(ILogger logger, double budgetSeconds);

    [LoggerMessage(1014, LogLevel.Error, "A StatusCheck handler threw; reporting Busy")]
    public static partial void StatusCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(1015, LogLevel.Critical, "Cannot start role {RoleName}: {Error}")]
    public static partial void EntryPointNotFound(ILogger logger, string roleName, string error);

    [LoggerMessage(1030, LogLevel.Information, "Probes: GET /ready and GET /live at http://{Address}:{Port}/ (frozen instances ready: {FrozenReady})")]
    public static partial void ProbesListening(ILogger logger, string address, int port, bool frozenReady);

    [LoggerMessage(1031, LogLevel.Critical, "Probes: {Error}")]
    public static partial void ProbesUnusable(ILogger logger, string error);

    [LoggerMessage(1032, LogLevel.Information, "Probes ignored: the fabric's control channel follows this instance")]
    public static partial void ProbesIgnored(ILogger logger);

    [LoggerMessage(1020, LogLevel.Information, "Control channel connected to the fabric at {Host}:{Port}")]
    public static partial void ChannelConnected(ILogger logger, string host, int port);

    [LoggerMessage(1021, LogLevel.Error, "Cannot connect to the fabric's control channel at {Host}:{Port}; running without it")]
    public static partial void ChannelConnectFailed(ILogger logger, string host, int port, Exception exception);

    [LoggerMessage(1022, LogLevel.Warning, "The fabric's control channel closed: the instance stops")]
    public static partial void ChannelClosed(ILogger logger);

    [LoggerMessage(1023, LogLevel.Warning, "Control channel: unreadable message ignored: {Error}")]
    public static partial void ChannelBadMessage(ILogger logger, string error);

    [LoggerMessage(1024, LogLevel.Information, "Control channel: {Command} ({Reason})")]
    public static partial void ChannelCommand(ILogger logger, string command, string reason);

    [LoggerMessage(1025, LogLevel.Information, "Control channel: {Change} {Outcome}")]
    public static partial void ChangeApplied(ILogger logger, string change, string outcome);

    [LoggerMessage(1026, LogLevel.Error, "Control channel: a Changing or Changed handler threw on the {Change}; the fabric recycles the instance")]
    public static partial void ChangeHandlerFailed(ILogger logger, string change, Exception exception);

    [LoggerMessage(1027, LogLevel.Error, "Control channel: sending to the fabric failed")]
    public static partial void ChannelSendFailed(ILogger logger, Exception exception);
}
