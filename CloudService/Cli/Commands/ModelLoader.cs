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

    public static void Print(IEnumerable<Diagnostic> diagnostics, TextWriter writer)
    {
        foreach (var diagnostic in diagnostics.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column))
        {
            writer.WriteLine(diagnostic.ToString());
        }
    }
}
