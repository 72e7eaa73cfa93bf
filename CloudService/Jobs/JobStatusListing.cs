namespace BackgroundRoles.Jobs;

/// <summary>What <see cref="JobStatusStore.ListRecentAsync"/> found.</summary>
/// <param name="Jobs">The matching jobs, most recently updated first.</param>
/// <param name="Scanned">How many status records were read.</param>
/// <param name="Complete">True when every record was read; false when the listing stopped at its limit.</param>
public sealed record JobStatusListing(IReadOnlyList<JobStatus> Jobs, int Scanned, bool Complete);
