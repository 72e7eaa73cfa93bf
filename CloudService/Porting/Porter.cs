using BackgroundRoles.Porting.Internal;

namespace BackgroundRoles.Porting;

/// <summary>
/// <c>cloudservice port</c>: writes an SDK-style net10.0 role project beside a classic one (or beside each role of
/// a Cloud Service solution, with its csdef and cscfg files), builds it, and reports what still needs a hand. The
/// user's original files are read, never written (<see cref="OutputFolder"/> refuses to).
/// </summary>
public static partial class Porter
{
    /// <summary>
    /// The BackgroundRoles checkout above <paramref name="startDirectory"/> (the folder holding
    /// <c>CloudService/Compat</c>), or null. The CLI passes its own folder: it runs from that checkout's build.
    /// </summary>
    public static string? FindRepositoryRoot(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, PortingDefaults.CompatProject)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>Ports, builds and reports; says on <paramref name="progress"/> what it writes and when it builds.</summary>
    /// <exception cref="PortingException">The input cannot be ported as given: the message says what and where.</exception>
    public static PortReport Port(PortOptions options, TextWriter progress)
    {
        var input = Path.GetFullPath(options.InputPath);
        var compatProject = Path.Combine(options.RepositoryRoot, PortingDefaults.CompatProject);
        var compatDirectory = Path.GetDirectoryName(compatProject)!;
        var template = Path.Combine(compatDirectory, "build", PortingDefaults.Log4NetTemplate);
        if (!File.Exists(compatProject) || !File.Exists(template))
        {
            throw new PortingException($"{compatDirectory}: no compatibility project with its build/{PortingDefaults.Log4NetTemplate}; run the CLI from a BackgroundRoles checkout's build");
        }

        var pins = PackagePins.Read(options.RepositoryRoot);
        var (service, project) = Resolve(input);
        var roles = service is null
            ? [(Name: (string?)null, Project: ClassicProject.Read(project!))]
            : service.Roles.Select(r => (Name: (string?)r.RoleName, Project: ReadRole(service, r))).ToList();
        if (roles.GroupBy(r => r.Project.AssemblyName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new PortingException($"{service!.Path}: two roles build the same assembly {twice.Key}");
        }

        var baseDirectory = service?.Directory ?? roles[0].Project.Directory;
        var output = options.OutputDirectory is { } named
            ? Path.GetFullPath(named)
            : Path.Combine(Path.GetDirectoryName(baseDirectory)!, Path.GetFileName(baseDirectory) + PortingDefaults.OutputSuffix);
        var folder = OutputFolder.Open(output, OriginalFiles(service, roles.Select(r => r.Project)), [baseDirectory, .. roles.Select(r => r.Project.Directory)]);
        folder.Write(OutputFolder.PropsFileName, SharedPropsWriter.Write(compatDirectory));

        var findings = new List<PortFinding>();
        var ported = new List<PortedRole>();
        var projects = new List<string>();
        foreach (var (name, classic) in roles)
        {
            var role = PortRole(classic, name, service is not null, folder, template, pins, findings);
            ported.Add(role);
            projects.Add(Path.GetRelativePath(folder.Directory, role.Project));
            progress.WriteLine($"port: {role.Name}: {Display(role.Project)} from {Display(classic.Path)}");
        }

        var serviceFiles = service is null ? [] : WriteService(service, roles.Where(r => r.Name is not null).ToDictionary(r => r.Name!, r => r.Project.AssemblyName, StringComparer.Ordinal), folder, projects, findings);
        var target = service is null ? ported[0].Project : Path.Combine(folder.Directory, SolutionName(service));
        progress.WriteLine($"port: building {Display(target)} (dotnet build -c {options.Configuration})...");
        progress.Flush();
        var (built, errors) = PortBuild.Run(target, options.Configuration);
        return new PortReport(input, folder.Directory, service is not null, ported, serviceFiles, built, FindingMerger.Merge(findings, errors));
    }

    private static PortedRole PortRole(ClassicProject classic, string? roleName, bool inService, OutputFolder folder, string template, PackagePins pins, List<PortFinding> findings)
    {
        var sources = classic.Compile.Select(c => c.FullPath).Distinct(StringComparer.Ordinal).ToList();
        findings.AddRange(sources.SelectMany(SourceScanner.Scan));
        var usesStorage = sources.Any(s => File.Exists(s) && SourceScanner.UsesStorage(File.ReadAllText(s)));
        var conversion = ReferenceRules.Convert(classic, usesStorage, pins);
        findings.AddRange(conversion.Findings);

        var relativeProject = inService ? Path.Combine(classic.AssemblyName, classic.AssemblyName + ".csproj") : classic.AssemblyName + ".csproj";
        var projectDirectory = Path.GetDirectoryName(Path.Combine(folder.Directory, relativeProject))!;
        var ownLog4Net = classic.Content.Any(c => string.Equals(c.Link, PortingDefaults.Log4NetTemplate, StringComparison.OrdinalIgnoreCase));
        var notes = conversion.Notes.ToList();
        if (ownLog4Net)
        {
            notes.Add($"its own {PortingDefaults.Log4NetTemplate} is used: for the instance's log file and the stdout/stderr split see the compatibility project's build/{PortingDefaults.Log4NetTemplate}");
        }
        else
        {
            folder.Copy(template, Path.Combine(Path.GetDirectoryName(relativeProject)!, PortingDefaults.Log4NetTemplate), keepExisting: true);
        }

        var path = folder.Write(relativeProject, ProjectWriter.Write(classic, conversion, projectDirectory, ownLog4Net));
        return new PortedRole(
            roleName ?? classic.AssemblyName,
            classic.Path,
            path,
            classic.Compile.Count,
            classic.Content.Count,
            classic.AppConfig is not null,
            [.. conversion.Packages.Select(p => $"{p.Id} {p.Version}")],
            notes);
    }

    private static List<string> WriteService(ClassicService service, Dictionary<string, string> assemblyByRole, OutputFolder folder, List<string> projects, List<PortFinding> findings)
    {
        var (definition, definitionFindings) = ServiceWriter.Definition(service.DefinitionPath, assemblyByRole);
        findings.AddRange(definitionFindings);
        var files = new List<string> { folder.Write(Path.GetFileName(service.DefinitionPath), definition) };
        files.AddRange(service.ConfigurationPaths.Select(c => folder.Copy(c, Path.GetFileName(c))));
        files.Add(folder.Write(SolutionName(service), ServiceWriter.Solution(projects)));
        return files;
    }

    private static string SolutionName(ClassicService service) => Path.GetFileNameWithoutExtension(service.Path) + PortingDefaults.OutputSuffix + ".slnx";

    private static ClassicProject ReadRole(ClassicService service, ClassicRoleReference role)
    {
        if (!File.Exists(role.ProjectPath))
        {
            throw new PortingException($"{service.Path}({role.Line}): role {role.RoleName}: no project {role.ProjectPath}");
        }

        return ClassicProject.Read(role.ProjectPath);
    }

    /// <summary>Every file of the user's the port reads: none may be written.</summary>
    private static IEnumerable<string> OriginalFiles(ClassicService? service, IEnumerable<ClassicProject> projects)
    {
        var files = new List<string>();
        if (service is not null)
        {
            files.AddRange([service.Path, service.DefinitionPath, .. service.ConfigurationPaths]);
        }

        foreach (var project in projects)
        {
            files.Add(project.Path);
            files.AddRange(project.Compile.Select(c => c.FullPath));
            files.AddRange(project.Content.Select(c => c.FullPath));
            if (project.AppConfig is { } appConfig)
            {
                files.Add(appConfig.FullPath);
            }

            if (project.PackagesConfigPath is { } packages)
            {
                files.Add(packages);
            }
        }

        return files;
    }

    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
