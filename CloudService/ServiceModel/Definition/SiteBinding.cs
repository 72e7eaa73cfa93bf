namespace BackgroundRoles.ServiceModel;

/// <summary>A <c>Bindings/Binding</c> tying a site to one of the role's endpoints.</summary>
public sealed record SiteBinding(string Name, string EndpointName, string? HostHeader, SourceLocation Location);
