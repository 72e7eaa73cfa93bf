using BackgroundRoles.Jobs;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// The tight loops' fetch, as the processor's poller does it: wait for a free slot, take every other free one up to a
/// batch, get that many messages, and give back the slots no message came for.
/// </summary>
internal static class SlotBatch
{
    public static async Task<List<CloudQueueMessage>> FetchAsync(CloudQueue queue, SemaphoreSlim slots)
    {
        await slots.WaitAsync().ConfigureAwait(false);
        int acquired = 1;
        while (acquired < JobDefaults.MaxBatchSize && slots.Wait(0))
        {
            acquired++;
        }

        var messages = (await queue.GetMessagesAsync(acquired, JobDefaults.VisibilityTimeout, null, null).ConfigureAwait(false)).ToList();
        if (acquired > messages.Count)
        {
            slots.Release(acquired - messages.Count);
        }

        return messages;
    }
}
