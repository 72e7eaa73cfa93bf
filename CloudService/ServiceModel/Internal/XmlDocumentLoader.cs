using System.Security;
using System.Xml;
using System.Xml.Linq;

namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>
/// Loads XML with line information and turns every way loading can fail into a diagnostic: callers rely on the
/// readers never throwing, whatever the input.
/// </summary>
internal static class XmlDocumentLoader
{
    private const char ByteOrderMark = '\uFEFF';

    public static XDocument? FromFile(string path, DiagnosticBag diagnostics)
    {
        try
        {
            // A stream rather than File.ReadAllText so the XML declaration's encoding is honoured.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var reader = XmlReader.Create(stream, CreateSettings());
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            diagnostics.Error(new SourceLocation(path, ex.LineNumber, ex.LinePosition), $"XML is not well-formed: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException
                                       or NotSupportedException or SecurityException)
        {
            diagnostics.Error(SourceLocation.WholeFile(path), $"cannot read file: {ex.Message}");
        }

        return null;
    }

    public static XDocument? FromString(string xml, string fileName, DiagnosticBag diagnostics)
    {
        // Text read by .NET has usually lost its byte order mark already; one left in a string would be taken for
        // content before the root element, so drop it as a file reader would.
        var text = xml.Length > 0 && xml[0] == ByteOrderMark ? xml[1..] : xml;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), CreateSettings());
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            diagnostics.Error(new SourceLocation(fileName, ex.LineNumber, ex.LinePosition), $"XML is not well-formed: {ex.Message}");
        }

        return null;
    }

    // A service model file never needs a DTD; prohibiting them closes off entity expansion attacks.
    private static XmlReaderSettings CreateSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };
}
