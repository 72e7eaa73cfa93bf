using BackgroundRoles.Jobs.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>The status record names the queue the job was submitted to, from the submit through every later write.</summary>
public sealed partial class QueueProcessorTests
{
    [TestMethod]
    public async Task SubmitAsync_DueLater_ScheduledRecordNamesTheQueue()
    {
        var storage = Storage();
        var queue = Names.Queue();

        var submission = await storage.Jobs.SubmitAsync(queue, "later", "{}", new SubmitOptions { Delay = TimeSpan.FromDays(30) }, None);

        var status = (await storage.Statuses.GetAsync(submission.JobId, None))!;
        Assert.AreEqual(JobState.Scheduled, status.State);
        Assert.AreEqual(queue, status.Queue);
    }

    [TestMethod]
    public async Task RunAsync_Succeeds_FinalRecordWrittenWholeKeepsTheQueue()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var submission = await storage.Jobs.SubmitAsync(queue, "named", "{}", null, None);
        Assert.AreEqual(queue, (await storage.Statuses.GetAsync(submission.JobId, None))!.Queue, "the Queued record names it");

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("named", _ => JobResult.Success)))
        {
            var final = await Eventually.FinalAsync(storage, submission.JobId);
            Assert.AreEqual(JobState.Succeeded, final.State);
            Assert.AreEqual(queue, final.Queue);
        }
    }

    [TestMethod]
    public async Task RunAsync_Poisoned_RecordKeepsTheSubmittedQueue()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var submission = await storage.Jobs.SubmitAsync(queue, "bad", "{}", null, None);

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("bad", _ => throw new PoisonJobException("no sense"))))
        {
            var final = await Eventually.FinalAsync(storage, submission.JobId);
            Assert.AreEqual(JobState.Poisoned, final.State);
            Assert.AreEqual(queue, final.Queue, "the job's queue, not its poison queue");
        }
    }

    [TestMethod]
    public async Task RunAsync_RecordWrittenBeforeTheQueueWasKept_ReadThenNamedByTheMessagesQueue()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var submission = await storage.Jobs.SubmitAsync(queue, "older", "{}", null, None);
        var (partition, row) = JobStatusStore.LocationOf(submission.JobId);
        var json = JObject.Parse((await RawTables.GetJsonAsync(JobDefaults.StatusTable, partition, row))!);
        Assert.IsTrue(json.Remove("queue"), "the record as written names the queue: " + json);
        await RawTables.PutJsonAsync(JobDefaults.StatusTable, partition, row, json.ToString());
        var older = (await storage.Statuses.GetAsync(submission.JobId, None))!;
        Assert.AreEqual(JobState.Queued, older.State, "a record without a queue still reads");
        Assert.IsNull(older.Queue);

        // A failure is a read, change and replace (not the whole write of a success): the change fills the queue in.
        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("older", _ => throw new JobFailedException("declined"))))
        {
            var final = await Eventually.FinalAsync(storage, submission.JobId);
            Assert.AreEqual(JobState.Failed, final.State);
            Assert.AreEqual(queue, final.Queue);
        }
    }
}
