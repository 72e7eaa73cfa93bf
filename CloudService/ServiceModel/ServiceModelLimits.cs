namespace BackgroundRoles.ServiceModel;

/// <summary>
/// What the csdef and cscfg readers accept at most, so that hostile or broken input is refused quickly with a
/// diagnostic instead of taking memory and minutes: real files are a few kilobytes and a dozen levels deep.
/// </summary>
public static class ServiceModelLimits
{
    /// <summary>The largest file (in bytes; for text, in characters) the readers load. Default: 4 MiB.</summary>
    public const long MaxFileBytes = 4L * 1024 * 1024;

    /// <summary>The deepest element nesting the readers accept, the root element being depth 1. Default: 64.</summary>
    public const int MaxElementDepth = 64;
}
