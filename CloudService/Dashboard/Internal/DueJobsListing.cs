using BackgroundRoles.Jobs;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>
/// The jobs that wait for their due time: the status records in <see cref="JobState.Scheduled"/> (a job with a due time
/// keeps that state until a processor claims it), the next due first. Both kinds are there: those waiting as hidden
/// queue messages and those in the <see cref="JobDefaults.DueJobsTable"/> table, which the jobs library does not list;
/// which one a job is in follows from the library's rule (submitted more than <see cref="JobDefaults.MaxVisibilityDelay"/>
/// ahead: the table, until the mover sends it, <see cref="JobDefaults.DueJobsLookAhead"/> before due, hourly).
/// </summary>
/// <param name="Count">How many wait, among the records read.</param>
/// <param name="Complete">False when the listing stopped at the jobs library's limit of records read, so there may be more.</param>
/// <param name="Scanned">How many status records were read.</param>
/// <param name="NextDue">The next <see cref="DashboardDefaults.NextDueTimesShown"/> due times.</param>
/// <param name="Jobs">The first <see cref="DashboardDefaults.MaxListedDueJobs"/>, the next due first.</param>
internal sealed record DueJobsListing(int Count, bool Complete, int Scanned, IReadOnlyList<DateTimeOffset> NextDue, IReadOnlyList<DueJob> Jobs)
{
    public static async Task<DueJobsListing> ReadAsync(JobStorage storage, string? jobType, DateTimeOffset now, CancellationToken ct)
    {
        // A state filter reads every record up to the library's limit: the cost of one listing, kept by ListingCache.
        var listing = await storage.Statuses.ListRecentAsync(JobDefaults.MaxListedStatuses, jobType, JobState.Scheduled, ct).ConfigureAwait(false);
        var due = listing.Jobs
            .Where(job => job.DueAt is not null)
            .OrderBy(job => job.DueAt)
            .ThenBy(job => job.JobId, StringComparer.Ordinal)
            .ToList();
        return new DueJobsListing(
            due.Count,
            listing.Complete,
            listing.Scanned,
            [.. due.Take(DashboardDefaults.NextDueTimesShown).Select(job => job.DueAt!.Value)],
            [.. due.Take(DashboardDefaults.MaxListedDueJobs).Select(job => new DueJob(job.JobId, job.JobType, job.DueAt!.Value, job.CreatedAt, job.Cancellable, WaitsIn(job, now)))]);
    }

    private static string WaitsIn(JobStatus job, DateTimeOffset now) =>
        job.DueAt!.Value - job.CreatedAt > JobDefaults.MaxVisibilityDelay && job.DueAt.Value - now > JobDefaults.DueJobsLookAhead ? "jobsdue" : "queue";
}
