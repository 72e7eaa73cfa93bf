namespace BackgroundRoles.Porting;

/// <summary>Every default of <c>cloudservice port</c>, in one place.</summary>
public static class PortingDefaults
{
    /// <summary>The suffix of the folder a port is written to, beside the project or service folder: <c>&lt;Name&gt;.Ported</c>.</summary>
    public const string OutputSuffix = ".Ported";

    /// <summary>The target framework of a ported role.</summary>
    public const string TargetFramework = "net10.0";

    /// <summary>Where the compatibility project is below the repository the CLI was built from.</summary>
    public static readonly string CompatProject = Path.Combine("CloudService", "Compat", "BackgroundRoles.Compat.csproj");

    /// <summary>The repository file whose pinned versions a ported role's packages take.</summary>
    public const string PackageVersionsFile = "Directory.Packages.props";

    /// <summary>The storage SDK a ported role gets when its code uses <c>Microsoft.WindowsAzure.Storage</c>.</summary>
    public const string StoragePackage = "WindowsAzure.Storage";

    /// <summary>The JSON package the storage SDK needs, at the repository's pinned (patched) version.</summary>
    public const string JsonPackage = "Newtonsoft.Json";

    /// <summary>The log4net configuration shipped beside the compatibility props, copied into each ported role.</summary>
    public const string Log4NetTemplate = "log4net.config";

    /// <summary>The first line of every file a port writes; a folder holding one is a port's and may be written again.</summary>
    public const string Marker = "Written by 'cloudservice port'";

    /// <summary>How long the build of a port may take before it is ended. Default: 10 minutes.</summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
}
