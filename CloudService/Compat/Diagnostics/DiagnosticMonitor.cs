using BackgroundRoles.Compat.Diagnostics;

namespace Microsoft.WindowsAzure.Diagnostics;

/// <summary>
/// The SDK's diagnostic monitor, mapped to the instance's log4net log: <see cref="Start(string, DiagnosticMonitorConfiguration)"/>
/// routes Trace output to the log (as the SDK's listener did), reports the configured folders there, and says once,
/// at Information, that scheduled transfers to storage are not done. The connection string is not used (nor logged).
/// </summary>
public class DiagnosticMonitor
{
    private DiagnosticMonitor()
    {
    }

    /// <summary>Kept for source compatibility; there is no remote endpoint to secure.</summary>
    public static bool AllowInsecureRemoteConnections { get; set; }

    /// <summary>The SDK's defaults: no transfers, no folders, no event logs, no counters.</summary>
    public static DiagnosticMonitorConfiguration GetDefaultInitialConfiguration() => new();

    /// <summary>Starts the monitor with the default configuration.</summary>
    public static DiagnosticMonitor Start(string diagnosticsStorageAccountConfigurationSettingName) =>
        Start(diagnosticsStorageAccountConfigurationSettingName, GetDefaultInitialConfiguration());

    /// <summary>Starts the monitor: Trace output goes to the instance's log, and the configuration is reported there.</summary>
    public static DiagnosticMonitor Start(string diagnosticsStorageAccountConfigurationSettingName, DiagnosticMonitorConfiguration initialConfiguration)
    {
        ArgumentException.ThrowIfNullOrEmpty(diagnosticsStorageAccountConfigurationSettingName);
        ArgumentNullException.ThrowIfNull(initialConfiguration);
        TraceRouting.EnsureInstalled();
        MonitorReport.Started(diagnosticsStorageAccountConfigurationSettingName, initialConfiguration);
        return new DiagnosticMonitor();
    }

    /// <summary>Reports the new configuration in the instance's log.</summary>
    public void UpdateConfiguration(DiagnosticMonitorConfiguration newConfiguration)
    {
        ArgumentNullException.ThrowIfNull(newConfiguration);
        MonitorReport.Configured(MonitorReport.Logger, newConfiguration);
    }

    /// <summary>Says the monitor stopped; Trace output keeps going to the log, which belongs to the role host.</summary>
    public void Shutdown() => CompatLog.MonitorShutDown(MonitorReport.Logger);
}
