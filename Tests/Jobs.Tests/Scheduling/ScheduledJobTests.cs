using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BackgroundRoles.Jobs.Leases;
using BackgroundRoles.Jobs.Scheduling;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Jobs.Tests.Scheduling;

/// <summary>
/// Cron semantics on a fake clock: the schedule's waits run on it, while the lease and the schedule record are real
/// Azurite calls (which take no fake time).
/// </summary>
[TestClass]
public sealed partial class ScheduledJobTests
{
    private static readonly DateTimeOffset Start = Utc("2026-01-05T10:00:30");

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", CultureInfo.InvariantCulture);

    private static string JobName() => "job-" + Guid.NewGuid().ToString("N")[..12];

    [TestMethod]
    public async Task RunAsync_EachMinute_RunsEachTickAndKeepsItsRecord()
    {
        var clock = new FakeTimeProvider(Start);
        var instance = new Instance("i1", clock);
        var name = JobName();
        var job = instance.Job(new ScheduleOptions { Name = name, Expression = () => "* * * * *" });

        await using (new SupervisedTask(job, clock))
        {
            await AdvanceToAsync(clock, job, Utc("2026-01-05T10:01:00"));
            await UntilAsync(() => job.NextDue == Utc("2026-01-05T10:02:00"), "the next tick after the first");
            await AdvanceToAsync(clock, job, Utc("2026-01-05T10:02:00"));
            await UntilAsync(() => job.NextDue == Utc("2026-01-05T10:03:00"), "the next tick after the second");
        }

        CollectionAssert.AreEqual(new[] { Utc("2026-01-05T10:01:00"), Utc("2026-01-05T10:02:00") }, instance.Runs.Select(run => run.Tick).ToArray());
        var record = await RecordAsync(instance, name);
        Assert.AreEqual(2, record.TotalRuns);
        Assert.AreEqual(Utc("2026-01-05T10:02:00"), record.LastTick);
        Assert.AreEqual(ScheduleOutcome.Succeeded, record.LastOutcome);
        Assert.AreEqual("i1", record.LastInstance);
        Assert.AreEqual(Utc("2026-01-05T10:03:00"), record.NextDue);
        Assert.AreEqual(TimeSpan.Zero, record.LastDuration, "no fake time passed during the run");
        Assert.AreEqual("* * * * *", record.Expression);
    }

    [TestMethod]
    public async Task RunAsync_RunStillGoingAtNextTicks_SkipsThemAndLogs()
    {
        var clock = new FakeTimeProvider(Start);
        var instance = new Instance("i1", clock);
        var release = new TaskCompletionSource();
        var job = instance.Job(new ScheduleOptions { Name = JobName(), Expression = () => "* * * * * *" }, _ => release.Task);

        await using (new SupervisedTask(job, clock))
        {
            await AdvanceToAsync(clock, job, Utc("2026-01-05T10:00:31"));
            await UntilAsync(() => instance.Runs.Count == 1, "the first run");

            // The run lasts past two more ticks (within the lease's renewal interval, so the lease holds).
            clock.Advance(TimeSpan.FromSeconds(2));
            release.SetResult();
            await UntilAsync(() => job.NextDue == Utc("2026-01-05T10:00:34"), "the tick after the skipped ones");
        }

        Assert.HasCount(1, instance.Runs);
        Assert.IsTrue(instance.Logs.Entries.Any(entry => entry.Contains(" 5091 ", StringComparison.Ordinal) && entry.Contains("2 tick(s) from 2026-01-05T10:00:32", StringComparison.Ordinal)), instance.Logs.ToString());
    }

    [TestMethod]
    public async Task RunAsync_RunStillGoingOnAnotherInstance_OtherSkipsTheTickAndLogs()
    {
        var clock = new FakeTimeProvider(Start);
        var name = JobName();
        var release = new TaskCompletionSource();
        var a = new Instance("a", clock);
        var b = new Instance("b", clock);
        var jobA = a.Job(new ScheduleOptions { Name = name, Expression = () => "* * * * *" }, _ => release.Task);
        var jobB = b.Job(new ScheduleOptions { Name = name, Expression = () => "* * * * *" }, _ => release.Task);

        await using (new SupervisedTask(jobA, clock))
        await using (new SupervisedTask(jobB, clock))
        {
            await UntilAsync(() => jobA.NextDue == Utc("2026-01-05T10:01:00") && jobB.NextDue == Utc("2026-01-05T10:01:00"), "both waiting");
            clock.Advance(TimeSpan.FromSeconds(30));
            await UntilAsync(() => a.Runs.Count + b.Runs.Count == 1 && (jobA.NextDue ?? jobB.NextDue) == Utc("2026-01-05T10:02:00"), "one run, the other instance waiting");
            var (runner, waiter, waitingJob) = a.Runs.Count == 1 ? (a, b, jobB) : (b, a, jobA);

            await AdvanceToAsync(clock, waitingJob, Utc("2026-01-05T10:02:00"));
            await UntilAsync(() => waiter.Logs.Entries.Any(entry => entry.Contains(" 5083 ", StringComparison.Ordinal)), "the overlap skipped on the waiter");
            release.SetResult();
            Assert.HasCount(1, runner.Runs);
            Assert.IsEmpty(waiter.Runs);
        }
    }

    [TestMethod]
    public async Task RunAsync_TicksMissedRunOnceOnStart_RunsOnceForThemThenKeepsTheSchedule()
    {
        var (clock, name, first) = await RunOneTickThenStopForThreeMinutesAsync();
        var later = new Instance("later", clock);
        var job = later.Job(new ScheduleOptions { Name = name, Expression = () => "* * * * *", MissedTicks = MissedTickPolicy.RunOnceOnStart });

        await using (new SupervisedTask(job, clock))
        {
            await UntilAsync(() => job.NextDue == Utc("2026-01-05T10:05:00"), "the next tick after the missed run");
        }

        var run = later.Runs.Single();
        Assert.AreEqual(ScheduledRunKind.MissedTick, run.Kind);
        Assert.AreEqual(Utc("2026-01-05T10:02:00"), run.Tick, "the first missed tick");
        var record = await RecordAsync(first, name);
        Assert.AreEqual(2, record.TotalRuns);
        Assert.IsTrue(later.Logs.Entries.Any(entry => entry.Contains(" 5085 ", StringComparison.Ordinal) && entry.Contains("3 tick(s)", StringComparison.Ordinal)), later.Logs.ToString());
    }

    [TestMethod]
    public async Task RunAsync_TicksMissedSkip_DoesNotRunThemAndLogs()
    {
        var (clock, name, first) = await RunOneTickThenStopForThreeMinutesAsync();
        var later = new Instance("later", clock);
        var job = later.Job(new ScheduleOptions { Name = name, Expression = () => "* * * * *", MissedTicks = MissedTickPolicy.Skip });

        await using (new SupervisedTask(job, clock))
        {
            await UntilAsync(() => job.NextDue == Utc("2026-01-05T10:05:00"), "the next tick");
        }

        Assert.IsEmpty(later.Runs);
        Assert.AreEqual(1, (await RecordAsync(first, name)).TotalRuns);
        Assert.IsTrue(later.Logs.Entries.Any(entry => entry.Contains(" 5086 ", StringComparison.Ordinal)), later.Logs.ToString());
    }

    [TestMethod]
    public async Task RunAsync_RunOnStartup_RunsWhenTheTaskStarts()
    {
        var clock = new FakeTimeProvider(Start);
        var instance = new Instance("i1", clock);
        var job = instance.Job(new ScheduleOptions { Name = JobName(), Expression = () => "0 3 * * *", RunOnStartup = true });

        await using (new SupervisedTask(job, clock))
        {
            await UntilAsync(() => job.NextDue == Utc("2026-01-06T03:00:00"), "the nightly tick");
        }

        var run = instance.Runs.Single();
        Assert.AreEqual(ScheduledRunKind.Startup, run.Kind);
        Assert.AreEqual(Start, run.Tick);
    }

    [TestMethod]
    public async Task Reschedule_NewExpression_NextOccurrenceRecomputedWithoutRestart()
    {
        var clock = new FakeTimeProvider(Start);
        var instance = new Instance("i1", clock);
        var expression = "0 * * * *";
        var job = instance.Job(new ScheduleOptions { Name = JobName(), Expression = () => expression });

        await using var task = new SupervisedTask(job, clock);
        await UntilAsync(() => job.NextDue == Utc("2026-01-05T11:00:00"), "the hourly tick");

        expression = "*/5 * * * *";
        Assert.IsTrue(job.Reschedule());
        await UntilAsync(() => job.NextDue == Utc("2026-01-05T10:05:00"), "the new schedule's tick");
        var published = await RecordAsync(instance, job.Name);
        Assert.AreEqual("*/5 * * * *", published.Expression, "status shows the new schedule before it runs");
        Assert.AreEqual(Utc("2026-01-05T10:05:00"), published.NextDue);
        await AdvanceToAsync(clock, job, Utc("2026-01-05T10:05:00"));
        await UntilAsync(() => job.NextDue == Utc("2026-01-05T10:10:00"), "the tick after");

        expression = "*/5 * * *";
        Assert.IsFalse(job.Reschedule());
        Assert.AreEqual("*/5 * * * *", job.Schedule.Expression, "an invalid expression keeps the schedule");
        Assert.AreEqual(Utc("2026-01-05T10:05:00"), instance.Runs.Single().Tick);
        Assert.AreEqual(0, task.Restarts);
        Assert.IsTrue(instance.Logs.Entries.Any(entry => entry.Contains(" 5088 ", StringComparison.Ordinal) && entry.Contains("has 4 fields", StringComparison.Ordinal)), instance.Logs.ToString());
    }

    [TestMethod]
    public async Task RunAsync_RunThrows_RecordedFailedAndTaskRestartsByItsPolicy()
    {
        var clock = new FakeTimeProvider(Start);
        var instance = new Instance("i1", clock);
        var name = JobName();
        var calls = 0;
        var job = instance.Job(new ScheduleOptions { Name = name, Expression = () => "* * * * *" }, _ =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("disk full") : Task.CompletedTask);

        await using var task = new SupervisedTask(job, clock);
        await AdvanceToAsync(clock, job, Utc("2026-01-05T10:01:00"));
        await UntilAsync(() => job.NextDue == Utc("2026-01-05T10:02:00") || Advance(clock, TimeSpan.FromMilliseconds(100)), "the restart", () => $"{task.Supervisor.GetHealth()[0]} next due {job.NextDue:O}{Environment.NewLine}{instance.Logs}");

        Assert.AreEqual(1, task.Restarts);
        var failed = await RecordAsync(instance, name);
        Assert.AreEqual(ScheduleOutcome.Failed, failed.LastOutcome);
        Assert.AreEqual("disk full", failed.LastError);

        await AdvanceToAsync(clock, job, Utc("2026-01-05T10:02:00"));
        await UntilAsync(() => Volatile.Read(ref calls) == 2 && job.NextDue == Utc("2026-01-05T10:03:00"), "the next tick's run");
        Assert.AreEqual(ScheduleOutcome.Succeeded, (await RecordAsync(instance, name)).LastOutcome);
        Assert.AreEqual(2, instance.Runs.Count, "the failed tick is not run again");
    }

    [TestMethod]
    public async Task RunAsync_StorageUnreachable_TickSkippedAndLoggedWithoutFailingTheTask()
    {
        var clock = new FakeTimeProvider(Start);
        var instance = new Instance("i1", clock, StorageConnection.ForAzurite(1, 1, 1));
        var job = instance.Job(new ScheduleOptions { Name = JobName(), Expression = () => "* * * * *" });

        await using var task = new SupervisedTask(job, clock);

        // Storage retries wait on the fake clock too: move it in small steps.
        await UntilAsync(() => job.NextDue == Utc("2026-01-05T10:01:00") || Advance(clock, TimeSpan.FromMilliseconds(200)), "the first wait despite the unreadable record", () => instance.Logs.ToString());
        clock.SetUtcNow(Utc("2026-01-05T10:01:00"));
        await UntilAsync(() => job.NextDue == Utc("2026-01-05T10:02:00") || Advance(clock, TimeSpan.FromMilliseconds(200)), "the next tick after the unclaimed one", () => instance.Logs.ToString());

        Assert.IsEmpty(instance.Runs);
        Assert.AreEqual(0, task.Restarts);
        Assert.IsTrue(instance.Logs.Entries.Any(entry => entry.Contains(" 5092 ", StringComparison.Ordinal)), instance.Logs.ToString());
        Assert.IsTrue(instance.Logs.Entries.Any(entry => entry.Contains(" 5093 ", StringComparison.Ordinal)), instance.Logs.ToString());
    }

    [TestMethod]
    public void Constructor_InvalidExpression_ArgumentExceptionNamingJobAndExpression()
    {
        var instance = new Instance("i1", new FakeTimeProvider(Start));

        var exception = Assert.ThrowsExactly<ArgumentException>(() => instance.Job(new ScheduleOptions { Name = "cleanup", Expression = () => "every night" }));

        Assert.Contains("'cleanup'", exception.Message);
        Assert.Contains("'every night'", exception.Message);
    }

    private static bool Advance(FakeTimeProvider clock, TimeSpan by)
    {
        clock.Advance(by);
        return false;
    }

    private static async Task<(FakeTimeProvider Clock, string Name, Instance First)> RunOneTickThenStopForThreeMinutesAsync()
    {
        var clock = new FakeTimeProvider(Start);
        var name = JobName();
        var first = new Instance("first", clock);
        var job = first.Job(new ScheduleOptions { Name = name, Expression = () => "* * * * *" });
        await using (new SupervisedTask(job, clock))
        {
            await AdvanceToAsync(clock, job, Utc("2026-01-05T10:01:00"));
            await UntilAsync(() => job.NextDue == Utc("2026-01-05T10:02:00"), "the run of the first tick");
        }

        // No instance runs the job for 10:02, 10:03 and 10:04.
        clock.SetUtcNow(Utc("2026-01-05T10:04:10"));
        return (clock, name, first);
    }

    private static async Task<ScheduleRecord> RecordAsync(Instance instance, string name) =>
        (await new CoordinationStatus(instance.Storage).ListSchedulesAsync(CancellationToken.None)).Single(record => record.Name == name);

    /// <summary>Waits until the job waits for <paramref name="due"/>, then moves the clock there.</summary>
    private static async Task AdvanceToAsync(FakeTimeProvider clock, ScheduledJob job, DateTimeOffset due)
    {
        await UntilAsync(() => job.NextDue == due, $"{job.Name} waiting for {due:O}");
        clock.SetUtcNow(due);
    }

    private static async Task UntilAsync(Func<bool> condition, string what, Func<string>? diagnostics = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail("Timed out waiting for " + what + Environment.NewLine + diagnostics?.Invoke());
            }

            await Task.Delay(10);
        }
    }

    /// <summary>One role instance: its storage on the shared fake clock, its leases, its log and the runs of its jobs.</summary>
    private sealed class Instance
    {
        public Instance(string id, TimeProvider clock, string? connectionString = null)
        {
            Storage = JobStorage.Create(connectionString ?? TestAzurite.ConnectionString, clock);
            Leases = new LeaseManager(Storage, id, Logs);
        }

        public JobStorage Storage { get; }

        public LeaseManager Leases { get; }

        public ListLoggerFactory Logs { get; } = new();

        public ConcurrentQueue<ScheduledRun> Runs { get; } = new();

        public ScheduledJob Job(ScheduleOptions options, Func<ScheduledRun, Task>? body = null) =>
            new(options, (run, _) =>
            {
                Runs.Enqueue(run);
                return body?.Invoke(run) ?? Task.CompletedTask;
            }, Leases);
    }
}
