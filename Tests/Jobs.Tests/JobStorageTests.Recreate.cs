using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>
/// Queues and tables that go missing after they were created: Azurite restarted without its last save (it saves
/// every few seconds), or an operator deleted them. JobStorage creates each once per process, so it must notice.
/// </summary>
public sealed partial class JobStorageTests
{
    [TestMethod]
    public async Task Table_DeletedAfterFirstUse_NextCallCreatesItAgain()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var name = "gone" + Guid.NewGuid().ToString("N")[..12];
        var table = storage.Table<Entry>(name);
        await table.UpsertAsync("p", "a", new Entry(1), CancellationToken.None);
        await RawTables.DeleteAsync(name);

        // The call that finds the table gone fails (its caller answers 503 and the client retries) ...
        var missing = await Assert.ThrowsExactlyAsync<JobStorageException>(() => table.UpsertAsync("p", "b", new Entry(2), CancellationToken.None));
        // ... and the next one creates it again instead of failing until the process restarts.
        await UpsertEventuallyAsync(table, "b", new Entry(2));

        Assert.AreEqual("TableNotFound", missing.ErrorCode);
        Assert.AreEqual(new Entry(2), (await table.GetAsync("p", "b", CancellationToken.None))!.Value);
    }

    [TestMethod]
    public async Task Processor_QueueDeletedWhileRunning_CreatesItAgainAndProcessesNewJobs()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();
        var done = new Counter();
        await using var processor = RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("work", _ =>
        {
            done.Increment("work");
            return JobResult.Success;
        }));
        var first = await storage.Jobs.SubmitAsync(queue, "work", "{}", null, CancellationToken.None);
        await Eventually.FinalAsync(storage, first.JobId);

        await RawQueues.Queue(queue).DeleteAsync();
        await Eventually.GetAsync(() => RawQueues.Queue(queue).ExistsAsync(), exists => exists, "the processor creating its queue again");
        var second = await storage.Jobs.SubmitAsync(queue, "work", "{}", null, CancellationToken.None);

        Assert.AreEqual(JobState.Succeeded, (await Eventually.FinalAsync(storage, second.JobId)).State);
        Assert.AreEqual(2, done["work"]);
    }

    // Deleting a table in Azurite takes a moment to settle: a create straight after may answer 409 TableBeingDeleted.
    private static async Task UpsertEventuallyAsync(DocumentTable<Entry> table, string key, Entry value)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await table.UpsertAsync("p", key, value, CancellationToken.None);
                return;
            }
            catch (JobStorageException) when (attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    public sealed record Entry(int Count);
}
