using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>
/// Attribute and child-element helpers shared by the definition and configuration parsers. Each helper reports
/// its own problem and returns a fallback, so parsing always goes on to find the next problem.
/// </summary>
internal sealed class ElementReader(string file, XNamespace ns, IReadOnlySet<string> knownElements, DiagnosticBag diagnostics)
{
    public string File { get; } = file;

    public XNamespace Namespace { get; } = ns;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourceLocation Locate(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo()
            ? new SourceLocation(File, info.LineNumber, info.LinePosition)
            : SourceLocation.WholeFile(File);

    /// <summary>A required attribute that must not be empty; reports and returns "" otherwise.</summary>
    public string Required(XElement element, string name)
    {
        var attribute = element.Attribute(name);
        if (attribute is null)
        {
            Diagnostics.Error(Locate(element), $"<{element.Name.LocalName}> is missing required attribute '{name}'");
            return "";
        }

        if (string.IsNullOrWhiteSpace(attribute.Value))
        {
            Diagnostics.Error(Locate(attribute), $"<{element.Name.LocalName}> attribute '{name}' must not be empty");
        }

        return attribute.Value;
    }

    /// <summary>A required attribute whose value may be empty, such as a setting's value.</summary>
    public string RequiredAllowEmpty(XElement element, string name)
    {
        var attribute = element.Attribute(name);
        if (attribute is null)
        {
            Diagnostics.Error(Locate(element), $"<{element.Name.LocalName}> is missing required attribute '{name}'");
            return "";
        }

        return attribute.Value;
    }

    public static string? Optional(XElement element, string name) => element.Attribute(name)?.Value;

    /// <summary>An integer attribute; null when absent or unreadable (reported).</summary>
    public int? Integer(XElement element, string name, bool required = false)
    {
        var attribute = element.Attribute(name);
        if (attribute is null)
        {
            if (required)
            {
                Diagnostics.Error(Locate(element), $"<{element.Name.LocalName}> is missing required attribute '{name}'");
            }

            return null;
        }

        return ParseInteger(attribute);
    }

    public int? ParseInteger(XAttribute attribute)
    {
        const NumberStyles style = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign;
        if (int.TryParse(attribute.Value, style, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Diagnostics.Error(
            Locate(attribute),
            $"<{attribute.Parent?.Name.LocalName}> attribute '{attribute.Name.LocalName}' is not a whole number: '{attribute.Value}'");
        return null;
    }

    /// <summary>An xs:boolean attribute (true, false, 1, 0); null when absent or unreadable (reported).</summary>
    public bool? Boolean(XElement element, string name)
    {
        var attribute = element.Attribute(name);
        switch (attribute?.Value.Trim())
        {
            case null:
                return null;
            case "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                Diagnostics.Error(
                    Locate(attribute),
                    $"<{element.Name.LocalName}> attribute '{name}' must be true or false, not '{attribute.Value}'");
                return null;
        }
    }

    /// <summary>
    /// An attribute restricted to a set of words. The schema's enumerations are case-sensitive, so matching is too.
    /// Returns <paramref name="fallback"/> when absent or unknown (unknown is reported).
    /// </summary>
    public T? Choice<T>(XElement element, string name, IReadOnlyDictionary<string, T> allowed, T? fallback, bool required = false)
        where T : struct
    {
        var attribute = element.Attribute(name);
        if (attribute is null)
        {
            if (required)
            {
                Diagnostics.Error(Locate(element), $"<{element.Name.LocalName}> is missing required attribute '{name}'");
            }

            return fallback;
        }

        if (allowed.TryGetValue(attribute.Value, out var value))
        {
            return value;
        }

        Diagnostics.Error(
            Locate(attribute),
            $"<{element.Name.LocalName}> attribute '{name}' has unknown value '{attribute.Value}' (expected {string.Join(", ", allowed.Keys)})");
        return fallback;
    }

    /// <summary>
    /// Child elements in the file's namespace. Elements from other namespaces are not part of the service model;
    /// they are skipped with a warning rather than rejected.
    /// </summary>
    public IEnumerable<XElement> Children(XElement parent)
    {
        foreach (var child in parent.Elements())
        {
            if (child.Name.Namespace == Namespace)
            {
                yield return child;
            }
            else
            {
                Diagnostics.Warning(Locate(child), $"element '{child.Name}' is not in the service model namespace; ignored");
            }
        }
    }

    /// <summary>
    /// Reports a child its parent does not expect. A name the schema uses elsewhere is an element in the wrong
    /// place, which the platform rejects: an error. A name we do not know at all may be a newer schema addition
    /// we do not interpret: a warning, and it is ignored.
    /// </summary>
    public void Unexpected(XElement child, XElement parent)
    {
        var name = child.Name.LocalName;
        var parentName = parent.Name.LocalName;
        if (knownElements.Contains(name))
        {
            Diagnostics.Error(Locate(child), $"<{name}> is not allowed inside <{parentName}>");
        }
        else
        {
            Diagnostics.Warning(Locate(child), $"unrecognised element <{name}> inside <{parentName}>; ignored");
        }
    }
}
