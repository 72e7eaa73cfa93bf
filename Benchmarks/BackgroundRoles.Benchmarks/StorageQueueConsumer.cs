using BackgroundRoles.Jobs;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Benchmarks;

/// <summary>A consumer of a storage queue on the benchmark's Azurite, filled by <see cref="JobClient.SubmitAsync"/> (each job with its Queued status record).</summary>
internal abstract class StorageQueueConsumer(JobStorage storage, CloudQueueClient queues) : QueueConsumer
{
    /// <summary>The service index of queue calls in <see cref="RowCost.Calls"/>.</summary>
    public const int QueueService = 1;

    protected JobStorage Storage => storage;

    protected CloudQueueClient Queues => queues;

    public override async Task FillAsync(string queue, int jobs)
    {
        await QueueJobs.FillAsync(storage, queue, QueueJobs.NoopType, jobs, _ => "{}").ConfigureAwait(false);
        int depth = await DepthAsync(queue).ConfigureAwait(false);
        if (depth != jobs)
        {
            throw new InvalidOperationException($"{queue} holds {depth} messages before the run, not {jobs}.");
        }
    }

    public override async Task CheckDrainedAsync(string queue)
    {
        int depth = await DepthAsync(queue).ConfigureAwait(false);
        if (depth != 0)
        {
            throw new InvalidOperationException($"{queue} still holds {depth} messages after the run.");
        }
    }

    /// <summary>The queue's message count (Azurite counts invisible messages too, so 0 means every message is deleted).</summary>
    protected async Task<int> DepthAsync(string queue)
    {
        CloudQueue reference = queues.GetQueueReference(queue);
        await reference.FetchAttributesAsync().ConfigureAwait(false);
        return reference.ApproximateMessageCount ?? 0;
    }

    /// <summary>
    /// For a consumer that says when its handler ran but not when the message was deleted: polls the depth every
    /// 5 ms until it is 0, stops the clock, and takes the polls back out of the row's queue calls.
    /// </summary>
    protected async Task StopWhenDrainedAsync(string queue, RowMeter meter)
    {
        long polls = 0;
        while (true)
        {
            polls++;
            if (await DepthAsync(queue).ConfigureAwait(false) == 0)
            {
                break;
            }

            await Task.Delay(5).ConfigureAwait(false);
        }

        meter.Stop();
        meter.Discount(QueueService, polls);
    }
}
