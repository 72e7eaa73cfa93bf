using System.Xml.Linq;

namespace BackgroundRoles.Porting.Internal;

/// <summary>
/// What a classic (pre-SDK) role project says: its assembly, the files it compiles, the content it copies to its
/// output, its app.config, its references and its packages.config. Read, never written.
/// </summary>
internal sealed record ClassicProject(
    string Path,
    string AssemblyName,
    string RootNamespace,
    bool AllowUnsafeBlocks,
    IReadOnlyList<ClassicItem> Compile,
    IReadOnlyList<ClassicItem> Content,
    ClassicItem? AppConfig,
    IReadOnlyList<ClassicReference> References,
    IReadOnlyList<ClassicItem> ProjectReferences,
    string? PackagesConfigPath,
    IReadOnlyList<ClassicPackage> Packages)
{
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <exception cref="PortingException">The file is missing, not XML, or an SDK-style project already.</exception>
    public static ClassicProject Read(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new PortingException($"{path}: no such project file");
        }

        var document = MsBuildXml.Load(path);
        if (document.Root is not { Name.LocalName: "Project" } root)
        {
            throw new PortingException($"{path}: not an MSBuild project (its root element is not <Project>)");
        }

        if (root.Attribute("Sdk") is not null || root.Elements().Any(e => e.Name.LocalName == "Sdk"))
        {
            throw new PortingException($"{path}: already an SDK-style project; reference CloudService/Compat and import its build/BackgroundRoles.Compat.props instead of porting it");
        }

        var directory = System.IO.Path.GetDirectoryName(path)!;
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var assemblyName = MsBuildXml.Property(document, "AssemblyName") ?? name;
        var compile = ExpandItems(document, "Compile", directory).ToList();
        var content = MsBuildXml.Items(document, "Content").Concat(MsBuildXml.Items(document, "None"))
            .Where(CopiedToOutput)
            .SelectMany(item => Expand(item, directory))
            .Where(item => !IsAppConfig(item.FullPath))
            .ToList();
        var appConfig = MsBuildXml.Items(document, "None").Concat(MsBuildXml.Items(document, "Content"))
            .SelectMany(item => Expand(item, directory))
            .FirstOrDefault(item => IsAppConfig(item.FullPath) && File.Exists(item.FullPath));
        var appConfigBeside = System.IO.Directory.Exists(directory)
            ? System.IO.Directory.EnumerateFiles(directory).FirstOrDefault(f => IsAppConfig(f))
            : null;
        appConfig ??= appConfigBeside is null ? null : new ClassicItem(appConfigBeside, System.IO.Path.GetFileName(appConfigBeside), 1);

        var references = MsBuildXml.Items(document, "Reference")
            .Select(r => new ClassicReference(
                (r.Attribute("Include")?.Value ?? string.Empty).Split(',')[0].Trim(),
                MsBuildXml.Metadata(r, "HintPath") is { Length: > 0 } hint ? MsBuildXml.FullPath(directory, hint) : null,
                MsBuildXml.Line(r)))
            .Where(r => r.Name.Length > 0)
            .ToList();
        var projectReferences = MsBuildXml.Items(document, "ProjectReference")
            .Where(r => r.Attribute("Include") is not null)
            .Select(r => new ClassicItem(MsBuildXml.FullPath(directory, r.Attribute("Include")!.Value), System.IO.Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')), MsBuildXml.Line(r)))
            .ToList();
        var packagesConfig = System.IO.Path.Combine(directory, "packages.config");
        var hasPackages = File.Exists(packagesConfig);
        return new ClassicProject(
            path,
            assemblyName,
            MsBuildXml.Property(document, "RootNamespace") ?? assemblyName,
            string.Equals(MsBuildXml.Property(document, "AllowUnsafeBlocks"), "true", StringComparison.OrdinalIgnoreCase),
            compile,
            content,
            appConfig,
            references,
            projectReferences,
            hasPackages ? packagesConfig : null,
            hasPackages ? ReadPackages(packagesConfig) : []);
    }

    private static bool IsAppConfig(string path) => string.Equals(System.IO.Path.GetFileName(path), "app.config", StringComparison.OrdinalIgnoreCase);

    private static bool CopiedToOutput(XElement item) =>
        MsBuildXml.Metadata(item, "CopyToOutputDirectory") is { } copy && !string.Equals(copy, "Never", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<ClassicItem> ExpandItems(XDocument document, string name, string directory) =>
        MsBuildXml.Items(document, name).SelectMany(item => Expand(item, directory));

    /// <summary>An item's files: its Include (a list separated by ';', wildcards expanded), each with its Link.</summary>
    private static IEnumerable<ClassicItem> Expand(XElement item, string directory)
    {
        var include = item.Attribute("Include")?.Value;
        if (string.IsNullOrWhiteSpace(include))
        {
            yield break;
        }

        var line = MsBuildXml.Line(item);
        var link = MsBuildXml.Metadata(item, "Link");
        foreach (var part in include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var relative = MsBuildXml.Unescape(part).Replace('\\', '/');
            if (relative.Contains('*', StringComparison.Ordinal))
            {
                foreach (var file in Wildcard(directory, relative))
                {
                    yield return new ClassicItem(file, LinkFor(directory, file), line);
                }

                continue;
            }

            var full = MsBuildXml.FullPath(directory, part);
            yield return new ClassicItem(full, link is { Length: > 0 } ? link.Replace('\\', '/') : LinkFor(directory, full), line);
        }
    }

    /// <summary>Inside the project folder, the same relative path; outside it, the file name alone.</summary>
    private static string LinkFor(string directory, string full)
    {
        var relative = System.IO.Path.GetRelativePath(directory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? System.IO.Path.GetFileName(full) : relative.Replace('\\', '/');
    }

    /// <summary>The wildcards classic projects use: <c>dir/*.cs</c> and <c>dir/**/*.cs</c>.</summary>
    private static IEnumerable<string> Wildcard(string directory, string pattern)
    {
        var recursive = pattern.Contains("**", StringComparison.Ordinal);
        var fileName = System.IO.Path.GetFileName(pattern);
        var folderPart = pattern[..pattern.IndexOf('*', StringComparison.Ordinal)];
        var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, System.IO.Path.GetDirectoryName(folderPart + "x") ?? string.Empty));
        return System.IO.Directory.Exists(root)
            ? System.IO.Directory.EnumerateFiles(root, fileName, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)
            : [];
    }

    private static List<ClassicPackage> ReadPackages(string path)
    {
        var document = MsBuildXml.Load(path);
        return [.. document.Descendants().Where(e => e.Name.LocalName == "package")
            .Select(p => new ClassicPackage(p.Attribute("id")?.Value ?? string.Empty, p.Attribute("version")?.Value ?? string.Empty, MsBuildXml.Line(p)))
            .Where(p => p.Id.Length > 0)];
    }
}
