namespace BackgroundRoles.ServiceModel.Internal.Json;

/// <summary>
/// A JSON value with the place it starts at, so a rule file's problems can be reported by line and column as the
/// csdef and cscfg readers do (<c>System.Text.Json</c>'s document model keeps no positions).
/// </summary>
internal sealed class JsonTreeNode
{
    public required JsonKind Kind { get; init; }

    public required SourceLocation Location { get; init; }

    /// <summary>A string's value, a number's text as written, <c>true</c>/<c>false</c>; null otherwise.</summary>
    public string? Text { get; init; }

    /// <summary>An object's members in file order, duplicates kept (the reader of the content reports them).</summary>
    public List<JsonTreeProperty> Properties { get; } = [];

    /// <summary>An array's items in order.</summary>
    public List<JsonTreeNode> Items { get; } = [];

    /// <summary>How the kind is named in messages.</summary>
    public string KindName => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.Boolean => "true or false",
        _ => "null",
    };
}
