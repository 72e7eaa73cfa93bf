namespace Microsoft.WindowsAzure.Diagnostics;

/// <summary>The buffer of Windows event logs (Windows only: the monitor says they are not collected).</summary>
public class WindowsEventLogsBufferConfiguration : DiagnosticDataBufferConfiguration
{
    /// <summary>Event log queries such as <c>Application!*</c>.</summary>
    public IList<string> DataSources { get; } = [];

    public LogLevel ScheduledTransferLogLevelFilter { get; set; }
}
