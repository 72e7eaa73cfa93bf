namespace BackgroundRoles.Jobs;

/// <summary>What one cleanup of blob trigger receipts did (<see cref="JobRetention.DeleteFinishedReceiptsAsync"/>).</summary>
/// <param name="Deleted">Receipts deleted.</param>
/// <param name="Waiting">
/// Final receipts old enough but kept, since a scan could still list their version as new: the blob is still at that
/// version and the trigger's cursor is not past it (for long enough), or the blob is gone and the receipt's time of
/// writing is unknown. A later run deletes them once that changes.
/// </param>
/// <param name="Kept">Receipts that changed while the cleanup ran (or were deleted by another run).</param>
public sealed record ReceiptRetentionResult(int Deleted, int Waiting, int Kept);
