using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Inspection;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>
/// A job's history as far as storage can tell it: the failed attempts its status record keeps (null for a record from
/// before they were kept), and the messages of the job that can be seen now, in its queue or its poison queue, with
/// the checkpoint each carries (checkpoints live only in the message, so only the newest, and only while the message
/// is visible). <see cref="MessagesError"/> says why the messages could not be looked for.
/// </summary>
internal sealed record JobHistory(int Attempts, IReadOnlyList<JobAttempt>? FailedAttempts, IReadOnlyList<JobHistoryMessage> Messages, string? MessagesError)
{
    public static async Task<JobHistory> ReadAsync(JobStatus status, QueueInspector inspector, CancellationToken ct)
    {
        try
        {
            var found = await inspector.FindJobMessagesAsync(status.JobId, ct).ConfigureAwait(false);
            return new JobHistory(status.Attempts, status.FailedAttempts, [.. found.Select(JobHistoryMessage.From)], null);
        }
        catch (JobStorageException e)
        {
            // The record is still worth showing without the messages.
            return new JobHistory(status.Attempts, status.FailedAttempts, [], "storage: " + e.Message);
        }
    }
}
