using System.Xml;
using System.Xml.Linq;

namespace BackgroundRoles.Porting.Internal;

/// <summary>Reading project files of either MSBuild namespace (the 2003 one of classic projects, or none), with line numbers.</summary>
internal static class MsBuildXml
{
    public static XDocument Load(string path)
    {
        try
        {
            return XDocument.Load(path, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            throw new PortingException($"{path}({e.LineNumber},{e.LinePosition}): not well-formed XML: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PortingException($"{path}: cannot be read: {e.Message}", e);
        }
    }

    public static IEnumerable<XElement> Items(XDocument document, string name) =>
        document.Descendants().Where(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "ItemGroup");

    /// <summary>The first property of that name, in any PropertyGroup.</summary>
    public static string? Property(XDocument document, string name) =>
        document.Descendants().FirstOrDefault(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup")?.Value.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>An item's metadata, as a child element or an attribute.</summary>
    public static string? Metadata(XElement item, string name) =>
        item.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() ?? item.Attribute(name)?.Value.Trim();

    public static int Line(XObject node) => ((IXmlLineInfo)node).HasLineInfo() ? ((IXmlLineInfo)node).LineNumber : 1;

    /// <summary>A path as a classic project writes it (backslashes, relative to the project), made full.</summary>
    public static string FullPath(string projectDirectory, string include) =>
        Path.GetFullPath(Path.Combine(projectDirectory, Unescape(include).Replace('\\', '/')));

    /// <summary>MSBuild's %XX escapes (%20 for a space, %3B for ';'...).</summary>
    public static string Unescape(string value) => Uri.UnescapeDataString(value);
}
