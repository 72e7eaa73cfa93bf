using BackgroundRoles.ServiceModel.Internal;

namespace BackgroundRoles.ServiceModel;

/// <summary>
/// Reads <c>.csdef</c> files, and <c>.csplugin</c> files (a <c>RoleModule</c> root). Never throws: every problem,
/// including a missing file or XML that is not well-formed, comes back as a <see cref="Diagnostic"/>. Checks that
/// relate elements to each other are left to <see cref="ServiceModelValidator.ValidateDefinition"/>.
/// </summary>
public static class ServiceDefinitionReader
{
    /// <summary>Reads the file at <paramref name="path"/>; diagnostics name the file as <paramref name="path"/> is written.</summary>
    public static ParseResult<ServiceDefinition> Read(string path)
    {
        var diagnostics = new DiagnosticBag();
        if (string.IsNullOrEmpty(path))
        {
            diagnostics.Error(SourceLocation.WholeFile(path ?? ""), "no file path given");
            return new ParseResult<ServiceDefinition>(null, diagnostics.ToList());
        }

        return DefinitionParser.Parse(XmlDocumentLoader.FromFile(path, diagnostics), path, diagnostics);
    }

    /// <summary>Parses <paramref name="xml"/>; diagnostics name the file <paramref name="fileName"/>.</summary>
    public static ParseResult<ServiceDefinition> Parse(string xml, string fileName)
    {
        var diagnostics = new DiagnosticBag();
        fileName ??= "";
        return DefinitionParser.Parse(XmlDocumentLoader.FromString(xml ?? "", fileName, diagnostics), fileName, diagnostics);
    }
}
