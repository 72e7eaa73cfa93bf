namespace BackgroundRoles.Jobs.Triggers;

/// <summary>
/// The receipt of one blob version (container, name, ETag) with one trigger, in <see cref="JobDefaults.BlobReceiptTable"/>:
/// written by a conditional insert when an instance first claims the version, so exactly one instance runs each attempt.
/// </summary>
/// <param name="Trigger">The trigger's name.</param>
/// <param name="Container">The blob's container.</param>
/// <param name="BlobName">The blob's name.</param>
/// <param name="ETag">The blob version.</param>
/// <param name="JobId">The job id of its status record.</param>
/// <param name="State">Where it is.</param>
/// <param name="Attempts">Attempts started, the running one included.</param>
/// <param name="Owner">The instance that holds or last held the claim.</param>
/// <param name="ClaimedUntil">While <see cref="BlobReceiptState.Running"/>: when the claim expires unless renewed.</param>
/// <param name="RetryAt">While <see cref="BlobReceiptState.Retrying"/>: when the next attempt may start.</param>
/// <param name="Error">The last attempt's error (type and message), if it failed.</param>
/// <param name="CreatedAt">When the version was first claimed.</param>
/// <param name="UpdatedAt">When this receipt last changed.</param>
public sealed record BlobReceipt(
    string Trigger,
    string Container,
    string BlobName,
    string ETag,
    string JobId,
    BlobReceiptState State,
    int Attempts,
    string? Owner,
    DateTimeOffset? ClaimedUntil,
    DateTimeOffset? RetryAt,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// When the version was written (the storage's clock), as listed at its first claim: what the receipt cleanup
    /// compares with the trigger's cursor. Null in receipts written before it was kept.
    /// </summary>
    public DateTimeOffset? BlobLastModified { get; init; }

    /// <summary>True for <see cref="BlobReceiptState.Succeeded"/>, <see cref="BlobReceiptState.Failed"/> and <see cref="BlobReceiptState.Poisoned"/>.</summary>
    public bool IsFinal => State is BlobReceiptState.Succeeded or BlobReceiptState.Failed or BlobReceiptState.Poisoned;
}
