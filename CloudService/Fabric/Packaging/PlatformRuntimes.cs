using System.Runtime.InteropServices;

namespace BackgroundRoles.Fabric.Packaging;

/// <summary>
/// Which <c>runtimes/&lt;rid&gt;</c> folders of a build this machine can load. A portable build carries native
/// assets for every platform its packages support (SkiaSharp alone brings 440 MB for 18 of them); a package keeps
/// only this platform's, as <c>dotnet publish -r</c> would, and the host ignores the others' entries in
/// <c>.deps.json</c>.
/// </summary>
internal static class PlatformRuntimes
{
    /// <summary>This machine's runtime identifier, e.g. <c>linux-x64</c> or <c>linux-musl-arm64</c>.</summary>
    public static string Current { get; } = Identify();

    /// <summary>The runtime folders this machine loads from, most specific first (the RID graph's fallbacks).</summary>
    public static IReadOnlySet<string> Applicable { get; } = Fallbacks(Current);

    /// <summary>True when <paramref name="relativePath"/> lies in the runtime folder of another platform.</summary>
    public static bool IsForeign(string relativePath)
    {
        var parts = relativePath.Split(Path.DirectorySeparatorChar, 3);
        return parts.Length == 3 && parts[0] == "runtimes" && !Applicable.Contains(parts[1]);
    }

    private static string Identify()
    {
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        if (OperatingSystem.IsWindows())
        {
            return "win-" + architecture;
        }

        if (OperatingSystem.IsMacOS())
        {
            return "osx-" + architecture;
        }

        var musl = Directory.Exists("/lib") && Directory.EnumerateFiles("/lib", "ld-musl-*").Any();
        return (musl ? "linux-musl-" : "linux-") + architecture;
    }

    private static HashSet<string> Fallbacks(string rid)
    {
        var architecture = rid[(rid.LastIndexOf('-') + 1)..];
        var os = rid[..rid.LastIndexOf('-')];
        var folders = new HashSet<string>(StringComparer.Ordinal) { rid, os };
        if (os == "linux-musl")
        {
            folders.UnionWith(["linux-" + architecture, "linux"]);
        }

        if (os != "win")
        {
            folders.Add("unix");
        }

        return folders;
    }
}
