using System.Globalization;
using BackgroundRoles.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.WindowsAzure.Diagnostics;
using Runtime = BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Compat.Diagnostics;

/// <summary>
/// Says in the instance's log what a diagnostic monitor configuration means here: where the logs go, which folders
/// are kept in place, the transfers that are not done (once per process) and the Windows-only sources.
/// </summary>
internal static class MonitorReport
{
    private static int s_transferReported;

    public static ILogger Logger => RoleLoggerFactory.Current.CreateLogger(CompatDefaults.DiagnosticsCategory);

    public static void Started(string settingName, DiagnosticMonitorConfiguration configuration)
    {
        var logger = Logger;
        var settingState = BackgroundRoles.Configuration.CloudConfigurationManager.GetSetting(settingName) is { Length: > 0 } ? "set" : "not set, not needed here";
        var logDirectory = Runtime.RoleEnvironment.IsAvailable ? Runtime.RoleEnvironment.Current.Descriptor.LogDirectory : "the log4net config's folder";
        CompatLog.MonitorStarted(logger, settingName, settingState, logDirectory);
        Configured(logger, configuration);
    }

    public static void Configured(ILogger logger, DiagnosticMonitorConfiguration configuration)
    {
        foreach (var directory in configuration.Directories?.DataSources ?? [])
        {
            var path = directory.Path ?? string.Empty;
            var state = path.Length > 0 && Directory.Exists(path)
                ? string.Create(CultureInfo.InvariantCulture, $"{Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Count()} files now")
                : "missing now";
            CompatLog.DirectoryKept(logger, path, directory.Container ?? "none", directory.DirectoryQuotaInMB, state);
        }

        var transfers = Transfers(configuration);
        if (transfers.Count > 0 && Interlocked.Exchange(ref s_transferReported, 1) == 0)
        {
            CompatLog.TransferNotHonoured(logger, string.Join(", ", transfers));
        }

        if (configuration.WindowsEventLog?.DataSources is { Count: > 0 } eventLogs)
        {
            CompatLog.NotCollected(logger, "Windows event logs", string.Join(", ", eventLogs));
        }

        if (configuration.PerformanceCounters?.DataSources is { Count: > 0 } counters)
        {
            CompatLog.NotCollected(logger, "performance counters", string.Join(", ", counters.Select(c => c.CounterSpecifier)));
        }
    }

    /// <summary>For tests: the once-per-process transfer message may be said again.</summary>
    internal static void ResetTransferReported() => Volatile.Write(ref s_transferReported, 0);

    private static List<string> Transfers(DiagnosticMonitorConfiguration configuration)
    {
        (string Name, DiagnosticDataBufferConfiguration? Buffer)[] buffers =
        [
            ("Logs", configuration.Logs),
            ("DiagnosticInfrastructureLogs", configuration.DiagnosticInfrastructureLogs),
            ("Directories", configuration.Directories),
            ("WindowsEventLog", configuration.WindowsEventLog),
            ("PerformanceCounters", configuration.PerformanceCounters),
        ];
        return [.. buffers
            .Where(b => b.Buffer is { ScheduledTransferPeriod: var period } && period > TimeSpan.Zero)
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Name} every {b.Buffer!.ScheduledTransferPeriod:c}"))];
    }
}
