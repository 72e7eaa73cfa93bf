using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Inspection;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>
/// The jobs that wait for their due time: the status records in <see cref="JobState.Scheduled"/> (a job with a due time
/// keeps that state until a processor claims it), the next due first. Where each waits is read, not inferred: the rows
/// of the <see cref="JobDefaults.DueJobsTable"/> table (<see cref="DueJobInspector"/>, read after the records, so a job
/// the mover sent in between is in its queue) are the jobs there; the others wait as hidden messages in their queue.
/// Past the table rows read (<see cref="DashboardDefaults.MaxReadDueRows"/>, earliest due first), a job due after the
/// last one read is not known to be in either.
/// </summary>
/// <param name="Count">How many wait, among the records read.</param>
/// <param name="Complete">False when the listing stopped at the jobs library's limit of records read, so there may be more.</param>
/// <param name="Scanned">How many status records were read.</param>
/// <param name="NextDue">The next <see cref="DashboardDefaults.NextDueTimesShown"/> due times.</param>
/// <param name="Jobs">The first <see cref="DashboardDefaults.MaxListedDueJobs"/>, the next due first.</param>
internal sealed record DueJobsListing(int Count, bool Complete, int Scanned, IReadOnlyList<DateTimeOffset> NextDue, IReadOnlyList<DueJob> Jobs)
{
    public static async Task<DueJobsListing> ReadAsync(JobStorage storage, string? jobType, CancellationToken ct)
    {
        // A state filter reads every record up to the library's limit: the cost of one listing, kept by ListingCache.
        var listing = await storage.Statuses.ListRecentAsync(JobDefaults.MaxListedStatuses, jobType, JobState.Scheduled, ct).ConfigureAwait(false);
        var due = listing.Jobs
            .Where(job => job.DueAt is not null)
            .OrderBy(job => job.DueAt)
            .ThenBy(job => job.JobId, StringComparer.Ordinal)
            .ToList();
        var rows = await new DueJobInspector(storage).ListAsync(DashboardDefaults.MaxReadDueRows, ct).ConfigureAwait(false);
        // One job could have two rows (a submit retried with another due time); either says it waits there.
        var inTable = rows.Jobs.DistinctBy(row => row.JobId, StringComparer.Ordinal).ToDictionary(row => row.JobId, StringComparer.Ordinal);
        var lastRead = rows.Complete ? DateTimeOffset.MaxValue : rows.Jobs[^1].DueAt;
        return new DueJobsListing(
            due.Count,
            listing.Complete,
            listing.Scanned,
            [.. due.Take(DashboardDefaults.NextDueTimesShown).Select(job => job.DueAt!.Value)],
            [.. due.Take(DashboardDefaults.MaxListedDueJobs).Select(job => ToDueJob(job, inTable, lastRead))]);
    }

    private static DueJob ToDueJob(JobStatus job, Dictionary<string, DueJobRow> inTable, DateTimeOffset lastRead)
    {
        var row = inTable.GetValueOrDefault(job.JobId);
        var waitsIn = row is not null ? "jobsdue" : job.DueAt <= lastRead ? "queue" : "unknown";
        return new DueJob(job.JobId, job.JobType, job.DueAt!.Value, job.CreatedAt, job.Cancellable, waitsIn, job.Queue ?? row?.Queue);
    }
}
