namespace BackgroundRoles.ServiceModel;

/// <summary>A <c>FixedPortRange min max</c>, both inclusive; null bounds were unreadable (already reported).</summary>
public sealed record PortRange(int? Min, int? Max, SourceLocation Location)
{
    /// <summary>True when both bounds are known and <paramref name="port"/> lies between them.</summary>
    public bool Contains(int port) => Min is { } min && Max is { } max && port >= min && port <= max;
}
