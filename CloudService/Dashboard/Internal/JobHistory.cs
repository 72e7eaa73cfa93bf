using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Inspection;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>
/// A job's history as far as storage can tell it: the failed attempts its status record keeps (null for a record from
/// before they were kept), and the messages of the job that can be seen now, in its queue or its poison queue, with
/// the checkpoint each carries (checkpoints live only in the message, so only the newest, and only while the message
/// is visible). Read for one job's own view only (never for the polled list).
/// </summary>
/// <remarks>
/// None is looked at for a job whose message cannot be seen (ended, so deleted; or due later, so hidden). Otherwise a
/// record that names its queue (<see cref="JobStatus.Queue"/>) is looked for there, or in that queue's poison queue
/// once poisoned: one peek of the first 32 messages (<see cref="LookedIn"/>). A record written before the queue was
/// kept falls back to choosing by state: the poison queues for a poisoned job, the other queues for a queued or running
/// one, each only when it holds messages, at one queue listing and one depth read per queue before the peeks.
/// </remarks>
/// <param name="Attempts">How many attempts began.</param>
/// <param name="FailedAttempts">The failed attempts the record keeps; null in an older record.</param>
/// <param name="Messages">The job's messages found.</param>
/// <param name="MessagesError">Why the messages could not be looked for (storage), or null.</param>
/// <param name="LookedIn">The queues whose first 32 messages were peeked.</param>
/// <param name="NotLookedFor">Why no queue was looked at for this job's state, or null when they were.</param>
internal sealed record JobHistory(
    int Attempts,
    IReadOnlyList<JobAttempt>? FailedAttempts,
    IReadOnlyList<JobHistoryMessage> Messages,
    string? MessagesError,
    IReadOnlyList<string> LookedIn,
    string? NotLookedFor)
{
    public static async Task<JobHistory> ReadAsync(JobStatus status, QueueInspector inspector, CancellationToken ct)
    {
        if (WhyNotLookedFor(status.State) is { } why)
        {
            return new JobHistory(status.Attempts, status.FailedAttempts, [], null, [], why);
        }

        try
        {
            var queues = await QueuesOfAsync(status, inspector, ct).ConfigureAwait(false);
            var found = new List<JobHistoryMessage>();
            foreach (var queue in queues)
            {
                foreach (var message in await inspector.PeekAsync(queue, DashboardDefaults.MaxPeekedMessages, ct).ConfigureAwait(false))
                {
                    if (string.Equals(message.Job?.JobId, status.JobId, StringComparison.Ordinal))
                    {
                        found.Add(JobHistoryMessage.From(new FoundJobMessage(queue, message)));
                    }
                }
            }

            return new JobHistory(status.Attempts, status.FailedAttempts, found, null, queues, null);
        }
        catch (JobStorageException e)
        {
            // The record is still worth showing without the messages.
            return new JobHistory(status.Attempts, status.FailedAttempts, [], "storage: " + e.Message, [], null);
        }
        catch (ArgumentException)
        {
            // Only a record written by hand can name a queue the library would not have made.
            return new JobHistory(status.Attempts, status.FailedAttempts, [], $"its status record names queue '{status.Queue}', which is not a usable queue name", [], null);
        }
    }

    private static async Task<List<string>> QueuesOfAsync(JobStatus status, QueueInspector inspector, CancellationToken ct)
    {
        var poisoned = status.State == JobState.Poisoned;
        if (status.Queue is { } queue)
        {
            return [poisoned ? queue + JobDefaults.PoisonQueueSuffix : queue];
        }

        return [.. (await inspector.ListQueuesAsync(ct).ConfigureAwait(false))
            .Where(summary => summary.IsPoison == poisoned && summary.ApproximateDepth > 0)
            .Select(summary => summary.Name)];
    }

    private static string? WhyNotLookedFor(JobState state) => state switch
    {
        JobState.Succeeded or JobState.Failed or JobState.Cancelled => "its message was deleted when the job ended (not looked for)",
        JobState.Scheduled => "a job due later waits as a hidden message or a row in jobsdue, which cannot be looked at (not looked for)",
        _ => null,
    };
}
