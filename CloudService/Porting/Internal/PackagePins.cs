namespace BackgroundRoles.Porting.Internal;

/// <summary>The package versions this repository pins (its Directory.Packages.props), so a ported role gets the same, tested ones.</summary>
internal sealed class PackagePins(IReadOnlyDictionary<string, string> versions)
{
    /// <exception cref="PortingException">The file is missing or does not pin a package the port needs.</exception>
    public static PackagePins Read(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, PortingDefaults.PackageVersionsFile);
        if (!File.Exists(path))
        {
            throw new PortingException($"{path}: missing; the port takes its package versions from there");
        }

        var document = MsBuildXml.Load(path);
        var versions = MsBuildXml.Items(document, "PackageVersion")
            .Where(p => p.Attribute("Include") is not null && p.Attribute("Version") is not null)
            .ToDictionary(p => p.Attribute("Include")!.Value, p => p.Attribute("Version")!.Value, StringComparer.OrdinalIgnoreCase);
        return new PackagePins(versions);
    }

    public string this[string package] =>
        versions.TryGetValue(package, out var version)
            ? version
            : throw new PortingException($"{PortingDefaults.PackageVersionsFile} pins no version of {package}");
}
