namespace BackgroundRoles.ServiceModel;

/// <summary>
/// A <c>Contents/Content</c>: copy <see cref="SourceDirectory"/> (a path on the packaging machine, often an absolute
/// Windows path) to <see cref="Destination"/> under the role root.
/// </summary>
public sealed record ContentDefinition(string Destination, string? SourceDirectory, SourceLocation Location);
