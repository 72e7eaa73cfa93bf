namespace Microsoft.WindowsAzure.Diagnostics;

/// <summary>The buffer of performance counters (Windows only: the monitor says they are not collected).</summary>
public class PerformanceCountersBufferConfiguration : DiagnosticDataBufferConfiguration
{
    public IList<PerformanceCounterConfiguration> DataSources { get; } = [];
}
