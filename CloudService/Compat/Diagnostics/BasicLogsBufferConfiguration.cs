namespace Microsoft.WindowsAzure.Diagnostics;

/// <summary>The buffer of trace logs (and of the diagnostics infrastructure's own logs).</summary>
public class BasicLogsBufferConfiguration : DiagnosticDataBufferConfiguration
{
    /// <summary>The lowest level transferred; the levels written to the log are the log4net config's.</summary>
    public LogLevel ScheduledTransferLogLevelFilter { get; set; }
}
