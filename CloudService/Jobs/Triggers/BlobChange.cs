namespace BackgroundRoles.Jobs.Triggers;

/// <summary>A new or changed blob, as a <see cref="BlobTrigger"/> hands it to its handler: one version (ETag) of one blob.</summary>
/// <param name="Container">The container watched.</param>
/// <param name="Name">The blob's name.</param>
/// <param name="ETag">The version being handled; a blob written again has a new one and is handled again.</param>
/// <param name="LastModified">When this version was written, by the storage's clock.</param>
/// <param name="Length">Its size in bytes, as listed.</param>
/// <param name="JobId">The job id of this version's status record (<see cref="JobStatusStore.GetAsync"/>), the same in every attempt.</param>
/// <param name="Attempt">1 for the first attempt; higher after failed, crashed or stopped ones.</param>
public sealed record BlobChange(string Container, string Name, string ETag, DateTimeOffset LastModified, long Length, string JobId, int Attempt);
