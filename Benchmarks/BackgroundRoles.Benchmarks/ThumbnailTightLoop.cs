using System.Diagnostics;
using BackgroundRoles.Jobs;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// The like-for-like thumbnail baseline: the same storage calls and the same image work as the worker's handler, in
/// a tight loop in one process (the harness, Release), with no processor around them. Per message of a queue filled
/// beforehand: GetMessages by free slot (up to 32), download the upload, decode + resize + encode (in one of as many
/// render slots as cores), upload the thumbnail, Delete. Jobs in flight: as many as the worker's thumbnail processor.
/// It leaves out what the processor adds: status records and the progress write (table calls), the message envelope,
/// visibility renewal, logging.
/// </summary>
internal static class ThumbnailTightLoop
{
    private const string Queue = "thumbnails-tight";
    private const string Container = "thumbnails-tight";

    /// <summary>Fills its own queue with one message per image id, then drains it; returns the milliseconds from the first fetch to the last delete.</summary>
    public static async Task<double> RunAsync(JobStorage storage, CloudQueueClient queues, string uploadsContainer, IReadOnlyList<string> imageIds, int inFlight, Func<byte[], byte[]> render)
    {
        CloudQueue queue = queues.GetQueueReference(Queue);
        await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        await Parallel.ForAsync(0, imageIds.Count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            await queue.AddMessageAsync(new CloudQueueMessage(imageIds[i])).ConfigureAwait(false)).ConfigureAwait(false);

        using var slots = new SemaphoreSlim(inFlight, inFlight);
        using var renders = new SemaphoreSlim(Environment.ProcessorCount, Environment.ProcessorCount);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int finished = 0;
        long start = Stopwatch.GetTimestamp();
        while (!done.Task.IsCompleted)
        {
            var messages = await SlotBatch.FetchAsync(queue, slots).ConfigureAwait(false);

            foreach (var message in messages)
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        string imageId = message.AsString;
                        BlobContent original = await storage.Blobs.DownloadAsync(uploadsContainer, imageId, CancellationToken.None).ConfigureAwait(false)
                            ?? throw new InvalidOperationException($"No upload {imageId}.");
                        byte[] thumbnail;
                        await renders.WaitAsync().ConfigureAwait(false);
                        try
                        {
                            thumbnail = render(original.Content);
                        }
                        finally
                        {
                            renders.Release();
                        }

                        using (var content = new MemoryStream(thumbnail, writable: false))
                        {
                            await storage.Blobs.UploadAsync(Container, message.Id, content, "image/png", CancellationToken.None).ConfigureAwait(false);
                        }

                        await queue.DeleteMessageAsync(message.Id, message.PopReceipt).ConfigureAwait(false);
                        if (Interlocked.Increment(ref finished) == imageIds.Count)
                        {
                            done.TrySetResult();
                        }
                    }
                    catch (Exception exception) when (exception is not OutOfMemoryException)
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
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
