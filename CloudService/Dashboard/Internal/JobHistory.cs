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
/// The status record does not name the job's queue, so the queues are chosen by the job's state: none for a job whose
/// message cannot be seen (ended, so deleted; or due later, so hidden), the poison queues for a poisoned one, the other
/// queues for a queued or running one, each only when it holds messages. The cost: one queue listing and one depth read
/// per queue, then one peek of the first 32 messages per queue chosen (<see cref="LookedIn"/>); nothing for a job whose
/// message cannot be seen.
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
            var poisoned = status.State == JobState.Poisoned;
            var queues = (await inspector.ListQueuesAsync(ct).ConfigureAwait(false))
                .Where(queue => queue.IsPoison == poisoned && queue.ApproximateDepth > 0)
                .Select(queue => queue.Name)
                .ToList();
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
    }

    private static string? WhyNotLookedFor(JobState state) => state switch
    {
        JobState.Succeeded or JobState.Failed or JobState.Cancelled => "its message was deleted when the job ended (not looked for)",
        JobState.Scheduled => "a job due later waits as a hidden message or a row in jobsdue, which cannot be looked at (not looked for)",
        _ => null,
    };
}
