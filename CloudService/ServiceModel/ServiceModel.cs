namespace BackgroundRoles.ServiceModel;

/// <summary>A service definition together with the configuration it is deployed with.</summary>
public sealed record ServiceModel(ServiceDefinition Definition, ServiceConfiguration Configuration)
{
    /// <summary>
    /// Reads both files and runs every check: each file's reader, <see cref="ServiceModelValidator.ValidateDefinition"/>,
    /// <see cref="ServiceModelValidator.ValidateConfiguration"/> and, when both were built,
    /// <see cref="ServiceModelValidator.CrossValidate"/>. Never throws.
    /// </summary>
    public static ServiceModelLoad Load(string csdefPath, string cscfgPath)
    {
        var definition = ServiceDefinitionReader.Read(csdefPath);
        var configuration = ServiceConfigurationReader.Read(cscfgPath);
        var diagnostics = new List<Diagnostic>(definition.Diagnostics);
        diagnostics.AddRange(configuration.Diagnostics);
        if (definition.Value is { } d)
        {
            diagnostics.AddRange(ServiceModelValidator.ValidateDefinition(d));
        }

        if (configuration.Value is { } c)
        {
            diagnostics.AddRange(ServiceModelValidator.ValidateConfiguration(c));
        }

        if (definition.Value is null || configuration.Value is null)
        {
            return new ServiceModelLoad(null, diagnostics);
        }

        diagnostics.AddRange(ServiceModelValidator.CrossValidate(definition.Value, configuration.Value));
        return new ServiceModelLoad(new ServiceModel(definition.Value, configuration.Value), diagnostics);
    }

    /// <summary>Reads and validates a csdef or csplugin on its own: the reader's and the validator's diagnostics.</summary>
    public static IReadOnlyList<Diagnostic> CheckDefinitionFile(string path)
    {
        var result = ServiceDefinitionReader.Read(path);
        return result.Value is null
            ? result.Diagnostics
            : [.. result.Diagnostics, .. ServiceModelValidator.ValidateDefinition(result.Value)];
    }

    /// <summary>Reads and validates a cscfg on its own: the reader's and the validator's diagnostics.</summary>
    public static IReadOnlyList<Diagnostic> CheckConfigurationFile(string path)
    {
        var result = ServiceConfigurationReader.Read(path);
        return result.Value is null
            ? result.Diagnostics
            : [.. result.Diagnostics, .. ServiceModelValidator.ValidateConfiguration(result.Value)];
    }
}
