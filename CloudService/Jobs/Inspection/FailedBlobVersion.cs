using BackgroundRoles.Jobs.Triggers;

namespace BackgroundRoles.Jobs.Inspection;

/// <summary>A blob version a trigger gave up on, from its receipt.</summary>
/// <param name="BlobName">The blob's name.</param>
/// <param name="ETag">The version.</param>
/// <param name="JobId">Its job id (<see cref="JobStatusStore.GetAsync"/>).</param>
/// <param name="State"><see cref="BlobReceiptState.Poisoned"/> or <see cref="BlobReceiptState.Failed"/>.</param>
/// <param name="Attempts">Attempts it had.</param>
/// <param name="Error">The last attempt's error (type and message).</param>
/// <param name="UpdatedAt">When it ended.</param>
public sealed record FailedBlobVersion(string BlobName, string ETag, string JobId, BlobReceiptState State, int Attempts, string? Error, DateTimeOffset UpdatedAt);
