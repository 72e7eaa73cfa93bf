using BackgroundRoles.ServiceModel.Internal;

namespace BackgroundRoles.ServiceModel;

/// <summary>
/// Reads <c>.cscfg</c> files. Never throws: every problem, including a missing file or XML that is not
/// well-formed, comes back as a <see cref="Diagnostic"/>. Checks on values (instance counts, thumbprints,
/// duplicates) are left to <see cref="ServiceModelValidator.ValidateConfiguration"/>.
/// </summary>
public static class ServiceConfigurationReader
{
    /// <summary>Reads the file at <paramref name="path"/>; diagnostics name the file as <paramref name="path"/> is written.</summary>
    public static ParseResult<ServiceConfiguration> Read(string path)
    {
        var diagnostics = new DiagnosticBag();
        if (string.IsNullOrEmpty(path))
        {
            diagnostics.Error(SourceLocation.WholeFile(path ?? ""), "no file path given");
            return new ParseResult<ServiceConfiguration>(null, diagnostics.ToList());
        }

        return ConfigurationParser.Parse(XmlDocumentLoader.FromFile(path, diagnostics), path, diagnostics);
    }

    /// <summary>Parses <paramref name="xml"/>; diagnostics name the file <paramref name="fileName"/>.</summary>
    public static ParseResult<ServiceConfiguration> Parse(string xml, string fileName)
    {
        var diagnostics = new DiagnosticBag();
        fileName ??= "";
        return ConfigurationParser.Parse(XmlDocumentLoader.FromString(xml ?? "", fileName, diagnostics), fileName, diagnostics);
    }
}
