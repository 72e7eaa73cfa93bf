using BackgroundRoles.Jobs;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// The hand-written baseline: wait for a free slot, take every other free slot (up to 32), GetMessages for that many,
/// give back the unused slots, delete each message on a task of its own, and fetch again at once; only an empty fetch
/// (the last messages still being deleted) waits, 10 ms. SDK calls only: no status record, no envelope.
/// </summary>
internal sealed class TightLoopConsumer(JobStorage storage, CloudQueueClient queues) : StorageQueueConsumer(storage, queues)
{
    public override string Label => $"baseline: tight batched loop, SDK only (GetMessages up to {JobDefaults.MaxBatchSize} by free slot, Delete; {JobDefaults.MaxConcurrency} at once)";

    public override async Task ConsumeAsync(string queueName, int jobs, RowMeter meter)
    {
        CloudQueue queue = Queues.GetQueueReference(queueName);
        using var slots = new SemaphoreSlim(JobDefaults.MaxConcurrency, JobDefaults.MaxConcurrency);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int deleted = 0;
        meter.Start();
        while (!done.Task.IsCompleted)
        {
            var messages = await SlotBatch.FetchAsync(queue, slots).ConfigureAwait(false);

            foreach (var message in messages)
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await queue.DeleteMessageAsync(message.Id, message.PopReceipt).ConfigureAwait(false);
                        if (Interlocked.Increment(ref deleted) == jobs)
                        {
                            done.TrySetResult();
                        }
                    }
                    catch (StorageException exception)
                    {
                        done.TrySetException(exception);
                    }
                    finally
                    {
                        slots.Release();
                    }
                });
            }

            if (messages.Count == 0)
            {
                await Task.WhenAny(done.Task, Task.Delay(10)).ConfigureAwait(false);
            }
        }

        await done.Task.ConfigureAwait(false);
        meter.Stop();
    }
}
