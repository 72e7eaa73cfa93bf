namespace BackgroundRoles.Porting.Internal;

/// <summary>What a Cloud Service project (.ccproj) names: its csdef, its cscfg files and its role projects.</summary>
internal sealed record ClassicService(string Path, string DefinitionPath, IReadOnlyList<string> ConfigurationPaths, IReadOnlyList<ClassicRoleReference> Roles)
{
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <exception cref="PortingException">The file is missing or names no csdef, no cscfg or no role.</exception>
    public static ClassicService Read(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new PortingException($"{path}: no such Cloud Service project");
        }

        var document = MsBuildXml.Load(path);
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var definitions = MsBuildXml.Items(document, "ServiceDefinition").Select(i => MsBuildXml.FullPath(directory, i.Attribute("Include")?.Value ?? string.Empty)).ToList();
        if (definitions.Count == 0)
        {
            definitions = [.. System.IO.Directory.EnumerateFiles(directory, "*.csdef").Order(StringComparer.Ordinal)];
        }

        var configurations = MsBuildXml.Items(document, "ServiceConfiguration").Select(i => MsBuildXml.FullPath(directory, i.Attribute("Include")?.Value ?? string.Empty)).ToList();
        if (configurations.Count == 0)
        {
            configurations = [.. System.IO.Directory.EnumerateFiles(directory, "*.cscfg").Order(StringComparer.Ordinal)];
        }

        if (definitions.Count != 1 || !File.Exists(definitions[0]))
        {
            throw new PortingException($"{path}: names {(definitions.Count == 0 ? "no" : definitions.Count == 1 ? "a missing" : "more than one")} service definition (.csdef){(definitions.Count == 1 ? ": " + definitions[0] : string.Empty)}");
        }

        if (configurations.Count == 0)
        {
            throw new PortingException($"{path}: names no service configuration (.cscfg)");
        }

        if (configurations.FirstOrDefault(c => !File.Exists(c)) is { } missing)
        {
            throw new PortingException($"{path}: names a missing service configuration: {missing}");
        }

        var roles = MsBuildXml.Items(document, "ProjectReference")
            .Where(r => r.Attribute("Include") is not null)
            .Select(r =>
            {
                var project = MsBuildXml.FullPath(directory, r.Attribute("Include")!.Value);
                return new ClassicRoleReference(
                    MsBuildXml.Metadata(r, "RoleName") ?? MsBuildXml.Metadata(r, "Name") ?? System.IO.Path.GetFileNameWithoutExtension(project),
                    project,
                    MsBuildXml.Line(r));
            })
            .ToList();
        if (roles.Count == 0)
        {
            throw new PortingException($"{path}: references no role project (no <ProjectReference>)");
        }

        return new ClassicService(path, definitions[0], configurations, roles);
    }
}
