namespace BackgroundRoles.ServiceModel;

/// <summary>
/// An <c>Environment/Variable</c>: either a literal <see cref="Value"/> or a <see cref="RoleInstanceValue"/>
/// looked up at run time. The reader reports an error when it has neither or both.
/// </summary>
public sealed record EnvironmentVariable(
    string Name,
    string? Value,
    RoleInstanceValue? RoleInstanceValue,
    SourceLocation Location);
