using BackgroundRoles.Jobs;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Benchmarks;

/// <summary>The Cloud Services worker role template's Run loop: one message at a time, a second's sleep when none.</summary>
internal sealed class ClassicLoopConsumer(JobStorage storage, CloudQueueClient queues) : StorageQueueConsumer(storage, queues)
{
    public override bool IsPeer => true;

    public override string ShortName => "classic loop";

    public override string Label => "classic worker role template loop (GetMessage, Delete, one at a time; sleep 1 s when empty)";

    public override async Task ConsumeAsync(string queueName, int jobs, RowMeter meter)
    {
        CloudQueue queue = Queues.GetQueueReference(queueName);
        int deleted = 0;
        meter.Start();
        while (deleted < jobs)
        {
            CloudQueueMessage? message = await queue.GetMessageAsync(JobDefaults.VisibilityTimeout, null, null).ConfigureAwait(false);
            if (message is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                continue;
            }

            await queue.DeleteMessageAsync(message.Id, message.PopReceipt).ConfigureAwait(false);
            deleted++;
        }

        meter.Stop();
    }
}
