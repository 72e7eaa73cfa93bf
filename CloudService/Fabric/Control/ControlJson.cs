using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackgroundRoles.Fabric.Control;

/// <summary>The JSON of the control API and of <c>control.json</c>: camelCase, enums as names, indented.</summary>
public static class ControlJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
