using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Leases;
using BackgroundRoles.Jobs.Scheduling;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Jobs.Tests.Scheduling;

/// <summary>Three instances in one process (a storage, lease manager and supervisor each), on the real clock and Azurite.</summary>
public sealed partial class ScheduledJobTests
{
    [TestMethod]
    public async Task RunAsync_ThreeInstancesEachSecondFor20Seconds_EachTickRunsExactlyOnce()
    {
        var name = JobName();
        var runs = new ConcurrentQueue<ScheduledRun>();
        var instances = Enumerable.Range(0, 3).Select(i =>
        {
            var leases = new LeaseManager(JobStorage.Create(TestAzurite.ConnectionString), "i" + i, NullLoggerFactory.Instance);
            var job = new ScheduledJob(new ScheduleOptions { Name = name, Expression = () => "* * * * * *", MissedTicks = MissedTickPolicy.Skip }, (run, _) =>
            {
                runs.Enqueue(run);
                return Task.CompletedTask;
            }, leases);
            return new SupervisedTask(job, TimeProvider.System);
        }).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(20));
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }

        var ticks = runs.Select(run => run.Tick).Order().ToArray();
        var duplicates = ticks.GroupBy(tick => tick).Where(group => group.Count() > 1).Select(group => $"{group.Key:O} x{group.Count()}").ToArray();
        Assert.IsEmpty(duplicates, "ticks run more than once: " + string.Join(", ", duplicates));
        var gaps = ticks.Zip(ticks.Skip(1), (a, b) => (b - a).TotalSeconds - 1).Where(missing => missing > 0).Sum();
        Assert.IsGreaterThanOrEqualTo(17, ticks.Length, $"ticks run: {ticks.Length}");
        Assert.IsLessThanOrEqualTo(1, gaps, "ticks no instance ran: " + gaps);
        Assert.IsGreaterThan(1, runs.Select(run => run.InstanceId).Distinct().Count(), "the instances share the ticks");
        var record = await RecordAsync(new Instance("reader", TimeProvider.System), name);
        // A tick claimed just as its instance was stopped counts as a run (recorded Cancelled) though the job never
        // saw it: at most one per instance.
        Assert.IsInRange(ticks.Length, ticks.Length + instances.Length, record.TotalRuns);
    }
}
