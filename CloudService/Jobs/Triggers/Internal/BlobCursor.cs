namespace BackgroundRoles.Jobs.Triggers.Internal;

/// <summary>
/// A trigger's cursor: every blob version last modified before <see cref="Watermark"/> was handled to a final state,
/// so a scan looks at the receipts of newer blobs only. It moves forward only. The container and pattern are there
/// for operators (<see cref="Inspection.TriggerInspector"/>); null in cursors written before they were kept.
/// </summary>
internal sealed record BlobCursor(DateTimeOffset Watermark, DateTimeOffset UpdatedAt, string UpdatedBy, string? Container = null, string? NamePattern = null);
