namespace Microsoft.WindowsAzure.Diagnostics;

/// <summary>A Windows performance counter to sample.</summary>
public class PerformanceCounterConfiguration
{
    /// <summary>The counter path, such as <c>\Processor(_Total)\% Processor Time</c>.</summary>
    public string? CounterSpecifier { get; set; }

    public TimeSpan SampleRate { get; set; }
}
