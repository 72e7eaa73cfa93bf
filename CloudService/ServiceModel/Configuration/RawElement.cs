using System.Xml.Linq;

namespace BackgroundRoles.ServiceModel;

/// <summary>
/// An element kept as text rather than interpreted, so the record stays immutable; <see cref="ToXElement"/> gives a
/// fresh, independent copy each time.
/// </summary>
public sealed record RawElement(string Xml, SourceLocation Location)
{
    public XElement ToXElement() => XElement.Parse(Xml);
}
