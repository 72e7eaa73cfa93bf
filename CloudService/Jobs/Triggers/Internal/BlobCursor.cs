namespace BackgroundRoles.Jobs.Triggers.Internal;

/// <summary>
/// A trigger's cursor: every blob version last modified before <see cref="Watermark"/> was handled to a final state
///, so a scan looks at the receipts of newer blobs only.
/// </summary>
internal sealed record BlobCursor(DateTimeOffset Watermark, DateTimeOffset UpdatedAt, string UpdatedBy);
