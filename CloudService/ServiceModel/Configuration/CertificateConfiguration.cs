namespace BackgroundRoles.ServiceModel;

/// <summary>
/// A cscfg <c>Certificate name thumbprint thumbprintAlgorithm</c>. An empty thumbprint is a placeholder left for a
/// deployment script to fill in.
/// </summary>
public sealed record CertificateConfiguration(
    string Name,
    string Thumbprint,
    string? ThumbprintAlgorithm,
    SourceLocation Location);
