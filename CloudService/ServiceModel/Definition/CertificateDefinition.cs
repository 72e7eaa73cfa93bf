namespace BackgroundRoles.ServiceModel;

/// <summary>
/// A <c>Certificates/Certificate</c> a role needs installed; the thumbprint comes from the configuration.
/// <see cref="StoreLocation"/> is <c>LocalMachine</c> or <c>CurrentUser</c>; <see cref="StoreName"/> is a standard
/// store (My, Root, CA, …) or a custom name; <see cref="PermissionLevel"/> is <c>limitedOrElevated</c> or <c>elevated</c>.
/// </summary>
public sealed record CertificateDefinition(
    string Name,
    string StoreLocation,
    string StoreName,
    string? PermissionLevel,
    SourceLocation Location);
