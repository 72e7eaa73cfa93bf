namespace Microsoft.WindowsAzure.Diagnostics;

/// <summary>The buffer of file-based logs: the folders to collect.</summary>
public class DirectoriesBufferConfiguration : DiagnosticDataBufferConfiguration
{
    /// <summary>The folders; each is reported in the instance's log when the monitor starts, and left in place.</summary>
    public IList<DirectoryConfiguration> DataSources { get; } = [];
}
