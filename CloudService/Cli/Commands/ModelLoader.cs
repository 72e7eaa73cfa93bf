using BackgroundRoles.Fabric;
using BackgroundRoles.Fabric.Packaging;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Cli.Commands;

/// <summary>The verbs' shared defaults and the printing of diagnostics.</summary>
internal static class ModelLoader
{
    public const string DefinitionFileName = "ServiceDefinition.csdef";
    public const string LocalConfigurationFileName = "ServiceConfiguration.Local.cscfg";

    /// <summary>Loads a pair for a verb that runs it: prints every diagnostic and returns null when any is an error.</summary>
    public static ServiceModel.ServiceModel? LoadForRun(string csdef, string cscfg, TextWriter error)
    {
        var load = ServiceModel.ServiceModel.Load(csdef, cscfg);
        if (load.HasErrors || load.Model is null)
        {
            Print(load.Diagnostics, error);
            return null;
        }

        return load.Model;
    }

    /// <summary>
    /// Finds the package <paramref name="reference"/> names and loads its csdef with its own cscfg, or
    /// <paramref name="cscfg"/>; prints why not and returns null when it cannot run here.
    /// </summary>
    /// <exception cref="PackagingException">There is no such package.</exception>
    public static (ServiceModel.ServiceModel Model, ServicePackage Package)? LoadPackage(ServicePackager packager, string reference, string? cscfg, TextWriter error)
    {
        var package = packager.Find(reference);
        if (!package.IsForThisPlatform)
        {
            error.WriteLine($"error: package {package.Id} holds native assets for {package.Platform}, not for this machine ({ServicePackage.ThisPlatform})");
            return null;
        }

        return LoadForRun(package.DefinitionPath, cscfg ?? package.ConfigurationPath, error) is { } model ? (model, package) : null;
    }

    /// <summary>
    /// Where a verb's service lives: the csdef's folder, the state folder (default <c>.cloudservice</c> beside it),
    /// and the build output the roles come from: the one this CLI was built into, in the same configuration (roles
    /// and CLI are built together); or, for a service with a build of its own beside its csdef (what
    /// <c>cloudservice port</c> writes: <c>artifacts/bin</c> there), that one, in the CLI's configuration.
    /// </summary>
    public static FabricLayout Layout(string csdef, string? stateDirectory)
    {
        var serviceRoot = Path.GetDirectoryName(Path.GetFullPath(csdef))!;
        var layout = FabricLayout.ForServiceRoot(serviceRoot, stateDirectory);

        // The CLI runs from artifacts/bin/cloudservice/<configuration>/.
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        if (own.Parent?.Parent is not { Name: "bin", Parent: { Name: "artifacts" } artifacts })
        {
            return layout;
        }

        var ownBuild = Directory.Exists(Path.Combine(layout.ArtifactsDirectory, "bin"));
        return layout with
        {
            ArtifactsDirectory = ownBuild ? layout.ArtifactsDirectory : artifacts.FullName,
            BuildConfiguration = own.Name,
            ToolsRoot = artifacts.Parent!.FullName,
        };
    }

    public static void Print(IEnumerable<Diagnostic> diagnostics, TextWriter writer)
    {
        foreach (var diagnostic in diagnostics.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column))
        {
            writer.WriteLine(diagnostic.ToString());
        }
    }
}
