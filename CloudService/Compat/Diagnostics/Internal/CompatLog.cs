using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Compat.Diagnostics;

/// <summary>The compatibility layer's log messages (event ids 7000-7099).</summary>
internal static partial class CompatLog
{
    [LoggerMessage(EventId = 7000, Message = "{Message}")]
    public static partial void Traced(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information,
        Message = "DiagnosticMonitor started (storage setting {SettingName}: {SettingState}); Trace output and logs go to this instance's log4net log in {LogDirectory}")]
    public static partial void MonitorStarted(ILogger logger, string settingName, string settingState, string logDirectory);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information,
        Message = "DiagnosticMonitor: scheduled transfer to storage ({Transfers}) is not done here; the data stays in this instance's log and folders")]
    public static partial void TransferNotHonoured(ILogger logger, string transfers);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Information,
        Message = "DiagnosticMonitor: directory {Path} (container {Container}, quota {QuotaInMB} MB) is kept in place ({State})")]
    public static partial void DirectoryKept(ILogger logger, string path, string container, int quotaInMB, string state);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Information,
        Message = "DiagnosticMonitor: {What} ({Sources}) are not collected: they exist on Windows only")]
    public static partial void NotCollected(ILogger logger, string what, string sources);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Information,
        Message = "DiagnosticMonitor shut down; Trace output still goes to this instance's log (the role host owns it)")]
    public static partial void MonitorShutDown(ILogger logger);

    [LoggerMessage(EventId = 7015, Level = LogLevel.Information,
        Message = "CrashDumps: collection ({Kind}) is left to the .NET runtime: set DOTNET_DbgEnableMiniDump=1 (and DOTNET_DbgMiniDumpName) for the role's process")]
    public static partial void CrashDumpsNotCollected(ILogger logger, string kind);
}
