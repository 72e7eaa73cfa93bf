namespace BackgroundRoles.ServiceModel;

/// <summary>A <c>RoleInstanceValue xpath</c>, with what the xpath refers to worked out.</summary>
public sealed record RoleInstanceValue(string XPath, RoleInstanceReference Reference, SourceLocation Location);
