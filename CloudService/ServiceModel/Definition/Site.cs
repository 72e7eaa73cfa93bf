namespace BackgroundRoles.ServiceModel;

/// <summary>A web role's <c>Sites/Site</c>; <see cref="PhysicalDirectory"/> null means the role's own content.</summary>
public sealed record Site(string Name, string? PhysicalDirectory, IReadOnlyList<SiteBinding> Bindings, SourceLocation Location);
