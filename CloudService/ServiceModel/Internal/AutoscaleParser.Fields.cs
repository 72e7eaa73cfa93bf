using System.Globalization;
using System.Text.RegularExpressions;
using BackgroundRoles.ServiceModel.Internal.Json;

namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>The field-level reading of <see cref="AutoscaleParser"/>: known names, types, ranges.</summary>
internal static partial class AutoscaleParser
{
    /// <summary>The object's members by name; an unknown or repeated name is reported (and the first kept).</summary>
    private static Dictionary<string, JsonTreeProperty> Fields(JsonTreeNode node, string[] known, string where, DiagnosticBag diagnostics)
    {
        var fields = new Dictionary<string, JsonTreeProperty>(StringComparer.Ordinal);
        foreach (var property in node.Properties)
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                diagnostics.Error(property.NameLocation, $"{where} has an unknown field \"{property.Name}\"; the fields are {string.Join(", ", known)}");
            }
            else if (!fields.TryAdd(property.Name, property))
            {
                diagnostics.Error(property.NameLocation, $"{where}.{property.Name} is given twice");
            }
        }

        return fields;
    }

    private static int? Integer(Dictionary<string, JsonTreeProperty> fields, string name, string where, int min, int max, int? fallback, SourceLocation owner, DiagnosticBag diagnostics)
    {
        if (!fields.TryGetValue(name, out var field))
        {
            if (fallback is null)
            {
                diagnostics.Error(owner, $"{where} has no \"{name}\"");
            }

            return fallback;
        }

        var node = field.Value;
        if (node.Kind != JsonKind.Number || !int.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            diagnostics.Error(node.Location, $"{where}.{name} must be a whole number from {min} to {max}; found {Describe(node)}");
            return null;
        }

        return value;
    }

    private static string Text(Dictionary<string, JsonTreeProperty> fields, string name, string where, string fallback, DiagnosticBag diagnostics)
    {
        if (!fields.TryGetValue(name, out var field))
        {
            return fallback;
        }

        if (field.Value.Kind != JsonKind.String || string.IsNullOrWhiteSpace(field.Value.Text))
        {
            diagnostics.Error(field.Value.Location, $"{where}.{name} must be a non-empty string; found {Describe(field.Value)}");
            return fallback;
        }

        return field.Value.Text.Trim();
    }

    private static string? RequiredText(Dictionary<string, JsonTreeProperty> fields, string name, string where, SourceLocation owner, DiagnosticBag diagnostics)
    {
        if (!fields.TryGetValue(name, out var field))
        {
            diagnostics.Error(owner, $"{where} has no \"{name}\"");
            return null;
        }

        if (field.Value.Kind != JsonKind.String || string.IsNullOrWhiteSpace(field.Value.Text))
        {
            diagnostics.Error(field.Value.Location, $"{where}.{name} must be a non-empty string; found {Describe(field.Value)}");
            return null;
        }

        return field.Value.Text.Trim();
    }

    private static bool TryArray(Dictionary<string, JsonTreeProperty> fields, string name, string where, DiagnosticBag diagnostics, out List<JsonTreeNode> items)
    {
        items = [];
        if (!fields.TryGetValue(name, out var field))
        {
            return false;
        }

        if (field.Value.Kind != JsonKind.Array)
        {
            diagnostics.Error(field.Value.Location, $"{where}.{name} must be an array; found {Describe(field.Value)}");
            return false;
        }

        items = field.Value.Items;
        return true;
    }

    private static string Describe(JsonTreeNode node) => node.Kind switch
    {
        JsonKind.String => $"\"{node.Text}\"",
        JsonKind.Number or JsonKind.Boolean => node.Text!,
        _ => node.KindName,
    };

    private static bool IsQueueName(string name) => QueueName().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex QueueName();

    [GeneratedRegex(@"^(\*|\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(/[0-9]+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(/[0-9]+)?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CronField();
}
