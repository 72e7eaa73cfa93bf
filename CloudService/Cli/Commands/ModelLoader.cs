using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Cli.Commands;

/// <summary>Reads and checks service model files for the verbs, collecting every diagnostic.</summary>
internal static class ModelLoader
{
    public const string DefinitionFileName = "ServiceDefinition.csdef";
    public const string LocalConfigurationFileName = "ServiceConfiguration.Local.cscfg";

    public static (ServiceDefinition? Definition, List<Diagnostic> Diagnostics) ReadDefinition(string path)
    {
        var result = ServiceDefinitionReader.Read(path);
        var diagnostics = result.Diagnostics.ToList();
        if (result.Value is { } definition)
        {
            diagnostics.AddRange(ServiceModelValidator.ValidateDefinition(definition));
        }

        return (result.Value, diagnostics);
    }

    public static (ServiceConfiguration? Configuration, List<Diagnostic> Diagnostics) ReadConfiguration(string path)
    {
        var result = ServiceConfigurationReader.Read(path);
        var diagnostics = result.Diagnostics.ToList();
        if (result.Value is { } configuration)
        {
            diagnostics.AddRange(ServiceModelValidator.ValidateConfiguration(configuration));
        }

        return (result.Value, diagnostics);
    }

    /// <summary>Both files, each on its own and then against each other (only when both could be read).</summary>
    public static (ServiceDefinition? Definition, ServiceConfiguration? Configuration, List<Diagnostic> Diagnostics) ReadPair(string csdef, string cscfg)
    {
        var (definition, diagnostics) = ReadDefinition(csdef);
        var (configuration, configurationDiagnostics) = ReadConfiguration(cscfg);
        diagnostics.AddRange(configurationDiagnostics);
        if (definition is not null && configuration is not null)
        {
            diagnostics.AddRange(ServiceModelValidator.CrossValidate(definition, configuration));
        }

        return (definition, configuration, diagnostics.Distinct().ToList());
    }

    public static void Print(IEnumerable<Diagnostic> diagnostics, TextWriter writer)
    {
        foreach (var diagnostic in diagnostics.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column))
        {
            writer.WriteLine(diagnostic.ToString());
        }
    }
}
