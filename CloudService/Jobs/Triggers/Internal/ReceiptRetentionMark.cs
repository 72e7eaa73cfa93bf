namespace BackgroundRoles.Jobs.Triggers.Internal;

/// <summary>
/// A trigger's cursor as one receipt cleanup read it: a later cleanup, at least
/// <see cref="JobDefaults.BlobReceiptSettleTime"/> after <see cref="ObservedAt"/>, may delete the final receipts of
/// versions written before <see cref="Watermark"/>, since no scan still claiming can have read an older cursor.
/// </summary>
internal sealed record ReceiptRetentionMark(DateTimeOffset Watermark, DateTimeOffset ObservedAt);
