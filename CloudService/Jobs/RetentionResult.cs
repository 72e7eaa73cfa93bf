namespace BackgroundRoles.Jobs;

/// <summary>What one <see cref="JobRetention"/> run deleted.</summary>
/// <param name="Records">Status records deleted.</param>
/// <param name="Blobs">Result and payload blobs deleted.</param>
/// <param name="Kept">Old records kept because they changed while the cleanup ran (or were deleted by another run).</param>
public sealed record RetentionResult(int Records, int Blobs, int Kept)
{
    /// <summary>What the run did with blob trigger receipts.</summary>
    public ReceiptRetentionResult Receipts { get; init; } = new(0, 0, 0);
}
