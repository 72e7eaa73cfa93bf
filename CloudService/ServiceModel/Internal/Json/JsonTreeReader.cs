using System.Text;
using System.Text.Json;

namespace BackgroundRoles.ServiceModel.Internal.Json;

/// <summary>
/// Reads JSON into <see cref="JsonTreeNode"/>s located by line and column (1-based; the column counts characters).
/// Comments and trailing commas are accepted, since the file is written by hand. Input that is not JSON, too large or
/// nested past <see cref="ServiceModelLimits.MaxElementDepth"/> gives one located error and no tree; nothing throws.
/// </summary>
internal static class JsonTreeReader
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    public static JsonTreeNode? FromFile(string path, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > ServiceModelLimits.MaxFileBytes)
            {
                diagnostics.Error(SourceLocation.ContentStart(path), $"the file is too large ({info.Length} bytes; at most {ServiceModelLimits.MaxFileBytes})");
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Error(SourceLocation.WholeFile(path), $"cannot read file: {ex.Message}");
            return null;
        }

        return FromBytes(bytes, path, diagnostics);
    }

    public static JsonTreeNode? FromBytes(ReadOnlySpan<byte> bytes, string file, DiagnosticBag diagnostics)
    {
        if (bytes.Length > ServiceModelLimits.MaxFileBytes)
        {
            diagnostics.Error(SourceLocation.ContentStart(file), $"the file is too large ({bytes.Length} bytes; at most {ServiceModelLimits.MaxFileBytes})");
            return null;
        }

        var content = bytes.StartsWith(ByteOrderMark) ? bytes[ByteOrderMark.Length..] : bytes;
        if (content.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            diagnostics.Error(SourceLocation.ContentStart(file), "the file is empty; it must hold a JSON object with \"roles\"");
            return null;
        }

        var lines = new LineMap(content.ToArray(), file);
        var reader = new Utf8JsonReader(content, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = ServiceModelLimits.MaxElementDepth,
        });
        try
        {
            // The reader itself refuses anything after the one value (it reads the content as its final block).
            reader.Read();
            var root = ReadValue(ref reader, lines);
            reader.Read();
            return root;
        }
        catch (JsonException e)
        {
            // The reader's message ends with its own "LineNumber: n | BytePositionInLine: m." suffix; the place is
            // given the usual way instead.
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            var at = new SourceLocation(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
            diagnostics.Error(at, "not valid JSON: " + (cut > 0 ? message[..cut] : message));
            return null;
        }
    }

    private static JsonTreeNode ReadValue(ref Utf8JsonReader reader, LineMap lines)
    {
        var at = lines.At(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonTreeNode { Kind = JsonKind.Object, Location = at };
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var nameAt = lines.At(reader.TokenStartIndex);
                    var name = reader.GetString() ?? "";
                    reader.Read();
                    obj.Properties.Add(new JsonTreeProperty(name, nameAt, ReadValue(ref reader, lines)));
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonTreeNode { Kind = JsonKind.Array, Location = at };
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Items.Add(ReadValue(ref reader, lines));
                }

                return array;
            case JsonTokenType.String:
                return new JsonTreeNode { Kind = JsonKind.String, Location = at, Text = reader.GetString() };
            case JsonTokenType.Number:
                return new JsonTreeNode { Kind = JsonKind.Number, Location = at, Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True or JsonTokenType.False:
                return new JsonTreeNode { Kind = JsonKind.Boolean, Location = at, Text = reader.GetBoolean() ? "true" : "false" };
            default:
                return new JsonTreeNode { Kind = JsonKind.Null, Location = at };
        }
    }

    /// <summary>Turns a byte offset into a line and a character column.</summary>
    private sealed class LineMap
    {
        private readonly byte[] _content;
        private readonly string _file;
        private readonly List<int> _lineStarts = [0];

        public LineMap(byte[] content, string file)
        {
            _content = content;
            _file = file;
            for (var i = 0; i < content.Length; i++)
            {
                if (content[i] == (byte)'\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        public SourceLocation At(long offset)
        {
            var index = _lineStarts.BinarySearch((int)offset);
            var line = index >= 0 ? index : ~index - 1;
            var start = _lineStarts[line];
            var column = Encoding.UTF8.GetCharCount(_content, start, (int)offset - start) + 1;
            return new SourceLocation(_file, line + 1, column);
        }
    }
}
