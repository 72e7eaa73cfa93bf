using System.Collections;
using System.Globalization;
using System.Text;

namespace BackgroundRoles.Export.Internal.Yaml;

/// <summary>
/// Writes <see cref="YamlMap"/> documents as block YAML. Every string is double-quoted with JSON-style escapes, so
/// no value can be read back as another type (<c>"true"</c>, <c>"0800"</c>, <c>"1e3"</c>) or break the structure;
/// keys are written plain when they are made of letters, digits and <c>._/-</c> only. Documents are separated by
/// <c>---</c>.
/// </summary>
internal static class YamlWriter
{
    public static string Write(IEnumerable<YamlMap> documents)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var document in documents)
        {
            if (!first)
            {
                builder.Append("---\n");
            }

            first = false;
            WriteMap(builder, document, 0);
        }

        return builder.ToString();
    }

    private static void WriteMap(StringBuilder builder, YamlMap map, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var (key, value) in map)
        {
            builder.Append(pad).Append(Key(key)).Append(':');
            WriteValue(builder, value, indent);
        }
    }

    /// <summary>After a key's colon: a scalar or an empty collection on the same line, else a nested block.</summary>
    private static void WriteValue(StringBuilder builder, object value, int indent)
    {
        switch (value)
        {
            case YamlMap { Count: > 0 } map:
                builder.Append('\n');
                WriteMap(builder, map, indent + 2);
                break;
            case YamlMap:
                builder.Append(" {}\n");
                break;
            case IList { Count: > 0 } list:
                builder.Append('\n');
                WriteList(builder, list, indent + 2);
                break;
            case IList:
                builder.Append(" []\n");
                break;
            default:
                builder.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteList(StringBuilder builder, IList list, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var item in list)
        {
            switch (item)
            {
                case YamlMap { Count: > 0 } map:
                    // The map's first key goes on the dash's line, the rest under it.
                    var nested = new StringBuilder();
                    WriteMap(nested, map, indent + 2);
                    builder.Append(pad).Append("- ").Append(nested.ToString(indent + 2, nested.Length - indent - 2));
                    break;
                case IList { Count: > 0 } inner:
                    builder.Append(pad).Append("-\n");
                    WriteList(builder, inner, indent + 2);
                    break;
                default:
                    builder.Append(pad).Append('-');
                    WriteValue(builder, item!, indent);
                    break;
            }
        }
    }

    private static string Key(string key) =>
        key.Length > 0 && char.IsAsciiLetterOrDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '/' or '-')
            ? key
            : Quote(key);

    private static string Scalar(object value) => value switch
    {
        string text => Quote(text),
        bool flag => flag ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new ArgumentException($"a YAML value cannot be a {value.GetType().Name}", nameof(value)),
    };

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\t' => builder.Append("\\t"),
                '\r' => builder.Append("\\r"),
                _ when char.IsControl(c) => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
