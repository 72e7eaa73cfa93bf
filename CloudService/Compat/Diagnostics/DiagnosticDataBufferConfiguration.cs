namespace Microsoft.WindowsAzure.Diagnostics;

/// <summary>A buffer of diagnostic data: its local quota and how often it was transferred to storage.</summary>
public abstract class DiagnosticDataBufferConfiguration
{
    /// <summary>The local quota of the buffer; the instance's log4net rolling file keeps its own size limits.</summary>
    public int BufferQuotaInMB { get; set; }

    /// <summary>
    /// How often the buffer was transferred to storage; zero for never. Nothing is transferred here: the data stays in
    /// the instance's log, and a non-zero period is said once, at Information, when the monitor starts.
    /// </summary>
    public TimeSpan ScheduledTransferPeriod { get; set; }
}
