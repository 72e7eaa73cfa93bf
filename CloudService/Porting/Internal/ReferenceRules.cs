namespace BackgroundRoles.Porting.Internal;

/// <summary>
/// How a classic project's references and packages become the ported project's: the Cloud Services SDK's
/// assemblies are the compatibility assembly now, the framework's are in .NET, the storage SDK moves to the
/// repository's pinned version, its dependencies come with it, and what has no .NET build is left out and reported.
/// </summary>
internal static class ReferenceRules
{
    /// <summary>The SDK assemblies and packages BackgroundRoles.Compat replaces.</summary>
    private static readonly HashSet<string> ProvidedByCompat = new(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.WindowsAzure.ServiceRuntime", "Microsoft.WindowsAzure.Diagnostics", "Microsoft.WindowsAzure.Configuration",
        "Microsoft.WindowsAzure.ConfigurationManager", "Microsoft.Azure.ConfigurationManager",
    };

    /// <summary>Packages that come with WindowsAzure.Storage (packages.config lists dependencies flat).</summary>
    private static readonly HashSet<string> StorageDependencies = new(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.Data.Edm", "Microsoft.Data.OData", "Microsoft.Data.Services.Client", "System.Spatial", "Microsoft.Azure.KeyVault.Core",
    };

    /// <summary>Build-time packages of .NET Framework projects that an SDK project does not need.</summary>
    private static readonly HashSet<string> BuildOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.Net.Compilers", "Microsoft.Net.Compilers.Toolset", "Microsoft.CodeDom.Providers.DotNetCompilerPlatform", "Microsoft.CodeAnalysis.FxCopAnalyzers",
    };

    /// <summary>Packages and assemblies with no .NET build, each with what to use instead.</summary>
    private static readonly Dictionary<string, (string Rule, string Hint)> NoDotNetBuild = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WindowsAzure.ServiceBus"] = (PortRules.ServiceBus, "move to Azure.Messaging.ServiceBus"),
        ["Microsoft.ServiceBus"] = (PortRules.ServiceBus, "move to Azure.Messaging.ServiceBus"),
        ["Microsoft.WindowsAzure.StorageClient"] = (PortRules.StorageClient1, "move to WindowsAzure.Storage (the port adds it where the code uses Microsoft.WindowsAzure.Storage)"),
        ["Microsoft.WindowsAzure.CloudDrive"] = (PortRules.FrameworkOnly, "Azure Drives are gone: use a local resource or blob storage"),
        ["Microsoft.WindowsAzure.Caching"] = (PortRules.FrameworkOnly, "In-Role Cache is gone: use a Redis client (StackExchange.Redis)"),
        ["Microsoft.ApplicationServer.Caching.Client"] = (PortRules.FrameworkOnly, "In-Role Cache is gone: use a Redis client (StackExchange.Redis)"),
    };

    public static RoleConversion Convert(ClassicProject project, bool codeUsesStorage, PackagePins pins)
    {
        var packages = new List<PackageChoice>();
        var kept = new List<ClassicReference>();
        var notes = new List<string>();
        var findings = new List<PortFinding>();
        var storage = codeUsesStorage || project.Packages.Any(p => Is(p.Id, PortingDefaults.StoragePackage));
        if (storage)
        {
            var was = project.Packages.FirstOrDefault(p => Is(p.Id, PortingDefaults.StoragePackage))?.Version;
            packages.Add(new PackageChoice(PortingDefaults.StoragePackage, pins[PortingDefaults.StoragePackage], was is null ? "the code uses Microsoft.WindowsAzure.Storage" : $"was {was}"));
            packages.Add(new PackageChoice(PortingDefaults.JsonPackage, pins[PortingDefaults.JsonPackage], "the storage SDK's, at a patched version"));
        }

        foreach (var package in project.Packages)
        {
            if (Is(package.Id, PortingDefaults.StoragePackage) || StorageDependencies.Contains(package.Id) || Is(package.Id, PortingDefaults.JsonPackage) && storage)
            {
                continue;
            }

            if (ProvidedByCompat.Contains(package.Id))
            {
                notes.Add($"{package.Id} {package.Version}: the compatibility assembly provides it");
            }
            else if (Is(package.Id, "log4net"))
            {
                notes.Add($"log4net {package.Version}: the role runtime brings log4net {pins["log4net"]}");
            }
            else if (BuildOnly.Contains(package.Id))
            {
                notes.Add($"{package.Id} {package.Version}: a .NET Framework build tool, not needed");
            }
            else if (NoDotNetBuild.TryGetValue(package.Id, out var none))
            {
                notes.Add($"{package.Id} {package.Version}: no .NET build, left out");
                findings.Add(new PortFinding(project.PackagesConfigPath!, package.Line, 0, none.Rule, $"package {package.Id} {package.Version} has no .NET build and was left out", none.Hint));
            }
            else if (Is(package.Id, PortingDefaults.JsonPackage))
            {
                packages.Add(new PackageChoice(package.Id, pins[PortingDefaults.JsonPackage], $"was {package.Version}; the pinned, patched version"));
            }
            else
            {
                packages.Add(new PackageChoice(package.Id, package.Version, "as in packages.config"));
                if (Is(package.Id, "EntityFramework"))
                {
                    findings.Add(new PortFinding(project.PackagesConfigPath!, package.Line, 0, PortRules.EntityFramework6, $"EntityFramework {package.Version} kept as it was",
                        "EF6 runs on .NET from EntityFramework 6.3; it reads no providers or connection strings from app.config there: register them with a DbConfiguration"));
                }
            }
        }

        foreach (var reference in project.References)
        {
            if (ProvidedByCompat.Contains(reference.Name))
            {
                notes.Add($"{reference.Name}: the compatibility assembly provides it");
            }
            else if (NoDotNetBuild.TryGetValue(reference.Name, out var none))
            {
                notes.Add($"{reference.Name}: no .NET build, left out");
                findings.Add(new PortFinding(project.Path, reference.Line, 0, none.Rule, $"assembly {reference.Name} has no .NET build and was left out", none.Hint));
            }
            else if (IsFramework(reference.Name) || IsFromPackagesFolder(reference.HintPath))
            {
                // In .NET itself, or brought by a package of packages.config.
            }
            else if (reference.HintPath is not null && File.Exists(reference.HintPath))
            {
                kept.Add(reference);
                findings.Add(new PortFinding(project.Path, reference.Line, 0, PortRules.Reference, $"assembly {reference.Name} kept by its HintPath",
                    "a .NET Framework assembly may load on .NET or fail at run time (a missing type or method); prefer its .NET package or sources"));
            }
            else
            {
                notes.Add($"{reference.Name}: not found, left out");
                findings.Add(new PortFinding(project.Path, reference.Line, 0, PortRules.Reference, $"assembly {reference.Name} is not in .NET and has no HintPath; left out",
                    "add its .NET package to the ported project, or its sources"));
            }
        }

        foreach (var projectReference in project.ProjectReferences)
        {
            findings.Add(new PortFinding(project.Path, projectReference.Line, 0, PortRules.Reference, $"project reference {projectReference.Link} is not ported",
                "make that library an SDK-style project (net10.0 or netstandard2.0) and add a ProjectReference to it in the ported project"));
        }

        return new RoleConversion(packages, kept, notes, findings);
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsFramework(string name) =>
        name.StartsWith("System", StringComparison.OrdinalIgnoreCase)
        || name is "mscorlib" or "netstandard" or "Microsoft.CSharp" or "Microsoft.VisualBasic" or "WindowsBase";

    private static bool IsFromPackagesFolder(string? hintPath) =>
        hintPath is not null && hintPath.Replace('\\', '/').Contains("/packages/", StringComparison.OrdinalIgnoreCase);
}
