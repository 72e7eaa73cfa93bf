using System.Security;
using System.Xml;
using System.Xml.Linq;

namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>
/// Loads XML with line information and turns every way loading can fail into a diagnostic: callers rely on the
/// readers never throwing, whatever the input. Input past <see cref="ServiceModelLimits"/> (size, element depth) and
/// any DTD are refused before a document is built, each with the place in the file where it was found.
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
            if (stream.Length > ServiceModelLimits.MaxFileBytes)
            {
                diagnostics.Error(SourceLocation.ContentStart(path), TooLarge($"{stream.Length} bytes"));
                return null;
            }

            return Load(
                () => XmlReader.Create(stream, CreateSettings()),
                () => stream.Position = 0,
                () => new StreamReader(stream, detectEncodingFromByteOrderMarks: true, leaveOpen: true),
                path,
                diagnostics);
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
        if (xml.Length > ServiceModelLimits.MaxFileBytes)
        {
            diagnostics.Error(SourceLocation.ContentStart(fileName), TooLarge($"{xml.Length} characters"));
            return null;
        }

        // Text read by .NET has usually lost its byte order mark already; one left in a string would be taken for
        // content before the root element, so drop it as a file reader would.
        var text = xml.Length > 0 && xml[0] == ByteOrderMark ? xml[1..] : xml;
        return Load(() => XmlReader.Create(new StringReader(text), CreateSettings()), () => { }, () => new StringReader(text), fileName, diagnostics);
    }

    /// <summary>
    /// Reads the input once with a plain reader to check its depth and well-formedness (cheap: nothing is kept), then,
    /// after <paramref name="rewind"/>, loads it. A tree built first would cost time and memory in proportion to a
    /// hostile nesting, and every later pass over it more.
    /// </summary>
    private static XDocument? Load(Func<XmlReader> open, Action rewind, Func<TextReader> openText, string file, DiagnosticBag diagnostics)
    {
        try
        {
            using (var check = open())
            {
                var lines = (IXmlLineInfo)check;
                while (check.Read())
                {
                    if (check.NodeType == XmlNodeType.Element && check.Depth >= ServiceModelLimits.MaxElementDepth)
                    {
                        diagnostics.Error(
                            new SourceLocation(file, lines.LineNumber, Math.Max(1, lines.LinePosition - 1)),
                            $"elements are nested deeper than {ServiceModelLimits.MaxElementDepth} levels; a service model file never needs that");
                        return null;
                    }
                }
            }

            rewind();
            using var reader = open();
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            rewind();
            diagnostics.Error(Locate(ex, file, openText), $"XML is not well-formed: {ex.Message}");
        }

        return null;
    }

    /// <summary>
    /// Where an XML error is. The reader gives no position for a prohibited DTD (it throws before it has one); the
    /// place is then the <c>&lt;!DOCTYPE</c> found in the text, else the first <c>&lt;!</c> that opens neither a
    /// comment nor a CDATA section (what the reader took for a DTD). An error with no place at all (an empty file)
    /// is put at the start of the content.
    /// </summary>
    private static SourceLocation Locate(XmlException ex, string file, Func<TextReader> openText)
    {
        if (ex.LineNumber > 0)
        {
            return new SourceLocation(file, ex.LineNumber, ex.LinePosition);
        }

        try
        {
            using var reader = openText();
            var text = reader.ReadToEnd();
            var at = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
            for (var i = text.IndexOf("<!", StringComparison.Ordinal); at < 0 && i >= 0; i = text.IndexOf("<!", i + 2, StringComparison.Ordinal))
            {
                if (string.CompareOrdinal(text, i, "<!--", 0, 4) != 0 && string.CompareOrdinal(text, i, "<![CDATA[", 0, 9) != 0)
                {
                    at = i;
                }
            }

            if (at >= 0)
            {
                var line = 1 + text.AsSpan(0, at).Count('\n');
                return new SourceLocation(file, line, at - (text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1) + 1);
            }
        }
        catch (Exception e) when (e is IOException or NotSupportedException)
        {
            // Not readable again: the start of the content.
        }

        return SourceLocation.ContentStart(file);
    }

    private static string TooLarge(string size) =>
        $"the file is {size}, larger than the {ServiceModelLimits.MaxFileBytes / (1024 * 1024)} MiB a service model file may have";

    // A service model file never needs a DTD; prohibiting them closes off entity expansion attacks.
    private static XmlReaderSettings CreateSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = ServiceModelLimits.MaxFileBytes,
        CloseInput = false,
    };
}
