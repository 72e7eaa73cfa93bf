namespace Microsoft.WindowsAzure.Diagnostics;

/// <summary>The SDK's levels for a buffer's transfer filter.</summary>
public enum LogLevel
{
    Undefined,
    Critical,
    Error,
    Warning,
    Information,
    Verbose,
}
