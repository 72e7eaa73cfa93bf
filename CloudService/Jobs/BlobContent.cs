namespace BackgroundRoles.Jobs;

/// <summary>A downloaded blob: its bytes and content type.</summary>
public sealed record BlobContent(byte[] Content, string ContentType);
