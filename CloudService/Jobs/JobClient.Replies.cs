using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs;

/// <summary>Reply queues: what a caller that named <see cref="SubmitOptions.ReplyTo"/> reads.</summary>
public sealed partial class JobClient
{
    /// <summary>
    /// Takes the next <see cref="JobReply"/> from a reply queue and deletes its message; null when the queue is empty
    /// or missing. Messages that are not replies are deleted and skipped.
    /// </summary>
    public async Task<JobReply?> ReceiveReplyAsync(string replyQueueName, CancellationToken ct)
    {
        StorageNames.ValidateQueue(replyQueueName);
        var queue = _storage.Queue(replyQueueName);
        while (true)
        {
            var message = await _storage.Resilience.ExecuteAsync("get reply from " + replyQueueName, async token =>
            {
                try
                {
                    return await queue.GetMessageAsync(JobDefaults.VisibilityTimeout, null, null, token).ConfigureAwait(false);
                }
                catch (Microsoft.WindowsAzure.Storage.StorageException exception) when (TransientErrors.Is(exception, 404))
                {
                    return null;
                }
            }, ct).ConfigureAwait(false);
            if (message is null)
            {
                return null;
            }

            var reply = TryParseReply(message.AsString);
            await _storage.Resilience.ExecuteAsync("delete reply from " + replyQueueName, token =>
                queue.DeleteMessageAsync(message.Id, message.PopReceipt, null, null, token), ct).ConfigureAwait(false);
            if (reply is not null)
            {
                return reply;
            }
        }
    }

    private static JobReply? TryParseReply(string text)
    {
        try
        {
            return JobJson.Deserialize<JobReply>(text) is { JobId.Length: > 0 } reply ? reply : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
