using BackgroundRoles.Fabric;
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
    /// Where a verb's service lives: the csdef's folder, the state folder (default <c>.cloudservice</c> beside it),
    /// and the build output the roles come from, the one this CLI was built into (roles and CLI are built together).
    /// </summary>
    public static FabricLayout Layout(string csdef, string? stateDirectory)
    {
        var serviceRoot = Path.GetDirectoryName(Path.GetFullPath(csdef))!;
        return FabricLayout.ForServiceRoot(serviceRoot, stateDirectory) with { ArtifactsDirectory = FindArtifacts(serviceRoot) };
    }

    private static string FindArtifacts(string serviceRoot)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (directory.Name == "artifacts" && Directory.Exists(Path.Combine(directory.FullName, "bin")))
            {
                return directory.FullName;
            }
        }

        return Path.Combine(serviceRoot, "artifacts");
    }

    public static void Print(IEnumerable<Diagnostic> diagnostics, TextWriter writer)
    {
        foreach (var diagnostic in diagnostics.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column))
        {
            writer.WriteLine(diagnostic.ToString());
        }
    }
}
