namespace BackgroundRoles.Jobs.Triggers.Internal;

/// <summary>One blob as a listing shows it.</summary>
internal sealed record ListedBlob(string Name, string ETag, DateTimeOffset LastModified, long Length);
