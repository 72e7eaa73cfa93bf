using BackgroundRoles.Compat;

namespace Microsoft.WindowsAzure.Diagnostics;

/// <summary>What the diagnostic monitor collects and how often it transferred each buffer, as in the SDK.</summary>
public class DiagnosticMonitorConfiguration
{
    public TimeSpan ConfigurationChangePollInterval { get; set; } = CompatDefaults.ConfigurationChangePollInterval;

    public BasicLogsBufferConfiguration DiagnosticInfrastructureLogs { get; set; } = new();

    public DirectoriesBufferConfiguration Directories { get; set; } = new();

    /// <summary>The trace logs written through <see cref="DiagnosticMonitorTraceListener"/>.</summary>
    public BasicLogsBufferConfiguration Logs { get; set; } = new();

    public int OverallQuotaInMB { get; set; } = CompatDefaults.OverallQuotaInMB;

    public PerformanceCountersBufferConfiguration PerformanceCounters { get; set; } = new();

    public WindowsEventLogsBufferConfiguration WindowsEventLog { get; set; } = new();
}
