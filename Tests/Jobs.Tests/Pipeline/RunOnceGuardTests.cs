using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Pipeline.Internal;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Jobs.Tests.Pipeline;

[TestClass]
public sealed class RunOnceGuardTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [TestMethod]
    public async Task RunAsync_AnotherOwnersLeaseNotEnded_WaitsUntilTheFakeClockEndsIt()
    {
        var time = new FakeTimeProvider(Start);
        var table = JobStorage.Create(TestAzurite.ConnectionString).Table<EffectRecord>(JobDefaults.EffectsTable);
        var jobId = Guid.NewGuid().ToString("N");
        Assert.IsTrue(await table.TryInsertAsync(jobId, StorageNames.Key("charge"), new EffectRecord(EffectState.Started, "a-worker-that-died", Start + Lease, Start), None));
        var guard = new RunOnceGuard(table, time, Lease, TimeSpan.FromSeconds(30));
        var runs = 0;

        var running = guard.RunAsync(jobId, "charge", "this-attempt", _ =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        }, None);

        // Real time passes, fake time does not: the dead worker's lease has not ended on the guard's clock.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var runsBeforeLeaseEnd = Volatile.Read(ref runs);
        while (!running.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        Assert.IsTrue(await running);
        Assert.AreEqual(0, runsBeforeLeaseEnd);
        Assert.AreEqual(1, runs);
        Assert.IsTrue(time.GetUtcNow() >= Start + Lease);
        var record = (await table.GetAsync(jobId, StorageNames.Key("charge"), None))!.Value;
        Assert.AreEqual(EffectState.Completed, record.State);

        // Stamped on the guard's clock (years before the wall clock), after the dead worker's lease ended; the test's
        // loop may move that clock on once more while the write is under way.
        Assert.IsTrue(record.UpdatedAt >= Start + Lease && record.UpdatedAt <= time.GetUtcNow(), $"updated at {record.UpdatedAt:O}, clock {time.GetUtcNow():O}");
    }

    [TestMethod]
    public async Task RunOnceAsync_ProcessorRunOnSupervisorClock_RecordsOnThatClock()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = Names.Queue();
        var time = new FakeTimeProvider(Start);
        var submission = await storage.Jobs.SubmitAsync(queue, "charge", "{}", null, None);
        var options = RunningProcessor.FastOptions(queue) with { VisibilityTimeout = TimeSpan.FromSeconds(60) };

        // Created without a clock, run on the fake one, as a supervisor with a fake clock runs it.
        await using (RunningProcessor.StartOnClock(storage, options, time, new DelegateHandler("charge", async (context, ct) =>
        {
            await context.RunOnceAsync("charge-card", _ => Task.CompletedTask, ct);
            return JobResult.Success;
        })))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);

            Assert.AreEqual(JobState.Succeeded, status.State);
            Assert.AreEqual(Start, status.StartedAt);
            Assert.AreEqual(Start, status.CompletedAt);
            Assert.AreEqual(Start, status.UpdatedAt);
        }

        var record = (await storage.Table<EffectRecord>(JobDefaults.EffectsTable).GetAsync(submission.JobId, StorageNames.Key("charge-card"), None))!.Value;
        Assert.AreEqual(EffectState.Completed, record.State);
        Assert.AreEqual(Start, record.UpdatedAt);
    }
}
