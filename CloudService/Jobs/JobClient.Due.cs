using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs;

/// <summary>Jobs due later: where a submit's message goes, by how far ahead the job is due.</summary>
public sealed partial class JobClient
{
    /// <summary>When the job is due, from <see cref="SubmitOptions.RunAt"/> or <see cref="SubmitOptions.Delay"/>; null when neither is set.</summary>
    private static DateTimeOffset? DueAtOf(SubmitOptions options, DateTimeOffset now) =>
        options.RunAt?.ToUniversalTime() ?? (options.Delay is { } delay ? now + delay : null);

    /// <summary>
    /// Sends the job's message: at once when it is due now, hidden until its due time when that is within the
    /// queue's limit, else into the due-jobs table. The waiting row's message keeps its payload inline only when the
    /// row can hold it.
    /// </summary>
    private async Task SendAsync(string queueName, string jobId, string jobType, string payloadJson, SubmitOptions options, DateTimeOffset? createdAt, DateTimeOffset? dueAt, bool claim, CancellationToken ct)
    {
        var wait = dueAt is { } due ? due - _storage.TimeProvider.GetUtcNow() : TimeSpan.Zero;
        if (wait <= JobDefaults.MaxVisibilityDelay)
        {
            var text = await EnvelopeTextAsync(jobId, jobType, payloadJson, options, createdAt, dueAt, claim, JobDefaults.MaxInlineMessageBytes, ct).ConfigureAwait(false);
            await _dueJobs.SendAsync(queueName, text, wait, ct).ConfigureAwait(false);
            return;
        }

        var rowText = await EnvelopeTextAsync(jobId, jobType, payloadJson, options, createdAt, dueAt, claim, JobDefaults.MaxDueRowMessageBytes, ct).ConfigureAwait(false);
        await _dueJobs.AddAsync(new DueJobRecord(queueName, jobId, dueAt!.Value, rowText), ct).ConfigureAwait(false);
    }
}
