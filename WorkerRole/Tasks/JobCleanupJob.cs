using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Scheduling;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.WorkerRole.Tasks;

/// <summary>
/// The nightly cleanup, a scheduled job of the role's kit: deletes the jobs that finished more than the retention
/// before the run started, with their result and payload blobs (<see cref="JobRetention"/>). One instance runs each tick.
/// </summary>
internal sealed partial class JobCleanupJob(JobStorage storage, TimeSpan retention, ILogger<JobCleanupJob> logger)
{
    public const string Name = "job-cleanup";

    public async Task RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var cutoff = run.StartedAt - retention;
        var result = await new JobRetention(storage).DeleteFinishedBeforeAsync(cutoff, cancellationToken).ConfigureAwait(false);
        Log.Cleaned(logger, cutoff, result.Records, result.Blobs, result.Kept, result.Receipts.Deleted, result.Receipts.Waiting, result.Receipts.Kept);
    }

    private static partial class Log
    {
        [LoggerMessage(3020, LogLevel.Information, "Job cleanup: jobs finished before {Cutoff:O} deleted: {Records} status records, {Blobs} blobs; {Kept} kept (changed meanwhile); blob trigger receipts: {ReceiptsDeleted} deleted, {ReceiptsWaiting} old enough but still listable, {ReceiptsKept} kept (changed meanwhile)")]
        public static partial void Cleaned(ILogger logger, DateTimeOffset cutoff, int records, int blobs, int kept, int receiptsDeleted, int receiptsWaiting, int receiptsKept);
    }
}
