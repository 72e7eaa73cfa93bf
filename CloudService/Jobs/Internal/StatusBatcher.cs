namespace BackgroundRoles.Jobs.Internal;

/// <summary>
/// Writes terminal status records of one process in entity group transactions, by group commit: per partition at most
/// one write is in flight, and the records that arrive meanwhile go out together in the next one (up to
/// <see cref="JobDefaults.StatusBatchSize"/>). A record alone goes out at once, so a quiet queue waits for nothing;
/// a busy one makes one call for many jobs. Each caller's task completes when its record is durable. A batch that
/// fails is written again record by record, so one bad record fails only its own job.
/// </summary>
internal sealed class StatusBatcher(DocumentTable<JobStatus> table)
{
    private readonly Dictionary<string, Partition> _partitions = new(StringComparer.Ordinal);

    /// <summary>Writes <paramref name="record"/> at (<paramref name="partition"/>, <paramref name="rowKey"/>); its new ETag once durable.</summary>
    public Task<string> WriteAsync(string partition, string rowKey, JobStatus record, CancellationToken ct)
    {
        var pending = new Pending(rowKey, record, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        Partition group;
        bool start;
        lock (_partitions)
        {
            if (!_partitions.TryGetValue(partition, out group!))
            {
                group = new Partition(partition);
                _partitions.Add(partition, group);
            }

            group.Queue.Add(pending);
            start = !group.Writing;
            group.Writing = true;
        }

        if (start)
        {
            // The write runs on its own: one caller's cancellation must not fail the records of the others.
            _ = Task.Run(() => WriteLoopAsync(group));
        }

        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task WriteLoopAsync(Partition group)
    {
        while (true)
        {
            List<Pending> batch;
            lock (_partitions)
            {
                if (group.Queue.Count == 0)
                {
                    group.Writing = false;
                    return;
                }

                batch = TakeBatch(group.Queue);
            }

            await WriteBatchAsync(group.Name, batch).ConfigureAwait(false);
        }
    }

    /// <summary>The oldest records, up to the batch size, each row once (a transaction may not touch a row twice).</summary>
    private static List<Pending> TakeBatch(List<Pending> queue)
    {
        var batch = new List<Pending>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pending in queue)
        {
            if (batch.Count == JobDefaults.StatusBatchSize || !keys.Add(pending.RowKey))
            {
                break;
            }

            batch.Add(pending);
        }

        queue.RemoveRange(0, batch.Count);
        return batch;
    }

    private async Task WriteBatchAsync(string partition, List<Pending> batch)
    {
        try
        {
            var etags = await table.UpsertBatchAsync(partition, [.. batch.Select(pending => (pending.RowKey, pending.Record))], CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(etags[i]);
            }

            return;
        }
        catch (Exception exception) when (batch.Count == 1 && !Fatal.IsFatal(exception))
        {
            batch[0].Done.TrySetException(exception);
            return;
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception))
        {
            // One record may be what the storage refused: each on its own, so the others still get written.
        }

        foreach (var pending in batch)
        {
            await WriteBatchAsync(partition, [pending]).ConfigureAwait(false);
        }
    }

    private sealed record Pending(string RowKey, JobStatus Record, TaskCompletionSource<string> Done);

    private sealed class Partition(string name)
    {
        public string Name => name;

        public List<Pending> Queue { get; } = [];

        public bool Writing { get; set; }
    }
}
