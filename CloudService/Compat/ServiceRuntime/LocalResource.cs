namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>A folder reserved for the instance, declared as LocalStorage in the csdef.</summary>
public abstract class LocalResource
{
    /// <summary>The quota the csdef declares (sizeInMB).</summary>
    public abstract int MaximumSizeInMegabytes { get; }

    public abstract string Name { get; }

    /// <summary>The folder, with a trailing directory separator as on the platform.</summary>
    public abstract string RootPath { get; }
}
