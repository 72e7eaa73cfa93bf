namespace Microsoft.WindowsAzure.Diagnostics;

/// <summary>A folder of file-based logs that the monitor collected.</summary>
public class DirectoryConfiguration
{
    /// <summary>The blob container the folder was copied to.</summary>
    public string? Container { get; set; }

    public int DirectoryQuotaInMB { get; set; }

    /// <summary>The folder, often a local resource's RootPath.</summary>
    public string? Path { get; set; }
}
