using System.Diagnostics;
using BackgroundRoles.Jobs.Leases;
using BackgroundRoles.Jobs.Scheduling;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Supervision;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Jobs.Tests.Leases;

/// <summary>Singleton tasks on real supervisors, real clocks and the real Azurite: each instance a storage and supervisor of its own.</summary>
[TestClass]
public sealed class SingletonTaskTests
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(15);

    [TestMethod]
    public async Task RunAsync_ThreeInstances_OneRunsAtATimeAndAnotherTakesOverWhenItStops()
    {
        var name = "single-" + Guid.NewGuid().ToString("N")[..12];
        var probe = new ConcurrencyProbe();
        var instances = Enumerable.Range(0, 3).Select(i => Start(name, "i" + i, probe)).ToArray();
        try
        {
            await UntilAsync(() => instances.Count(instance => instance.Singleton.IsHolder) == 1, "one holder");
            var first = instances.Single(instance => instance.Singleton.IsHolder);
            var status = new CoordinationStatus(JobStorage.Create(TestAzurite.ConnectionString));
            var listed = (await status.ListSingletonsAsync(CancellationToken.None)).Single(lease => lease.Name == name);
            Assert.IsTrue(listed.IsHeld);
            Assert.AreEqual(first.Id, listed.Holder);

            var watch = Stopwatch.StartNew();
            await first.Task.DisposeAsync();
            await UntilAsync(() => instances.Count(instance => instance.Singleton.IsHolder) == 1, "another holder");

            Assert.IsLessThan(JobDefaults.MaxLeaseRetryDelay + TimeSpan.FromSeconds(2), watch.Elapsed, "a released lease is taken within the retry delay");
            Assert.AreEqual(1, probe.MaxRunning, "never two at once");
            Assert.AreEqual(2, probe.Starts);
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.Task.DisposeAsync();
            }
        }
    }

    [TestMethod]
    public async Task RunAsync_HolderLosesStorage_ItStopsAndAnotherTakesOverWithinTheLeaseTime()
    {
        var name = "single-" + Guid.NewGuid().ToString("N")[..12];
        var probe = new ConcurrencyProbe();
        var azurite = TestAzurite.Process;
        var forwarder = new TcpForwarder(azurite.BlobPort);
        var cut = Start(name, "cut", probe, StorageConnection.ForAzurite(forwarder.Port, azurite.QueuePort, azurite.TablePort));
        await using var cutTask = cut.Task;
        await UntilAsync(() => cut.Singleton.IsHolder, "the first holder");
        var other = Start(name, "other", probe);
        await using var otherTask = other.Task;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await forwarder.DisposeAsync();
        await UntilAsync(() => other.Singleton.IsHolder, "the takeover", TimeSpan.FromSeconds(40));

        Assert.IsFalse(cut.Singleton.IsHolder, "the holder that lost storage stopped");
        Assert.IsLessThan(LeaseTime + JobDefaults.MaxLeaseRetryDelay + TimeSpan.FromSeconds(1.5), watch.Elapsed);
        Assert.AreEqual(1, probe.MaxRunning, "never two at once");
        Assert.AreEqual(0, cutTask.Restarts, "the holder waits again instead of failing");
    }

    [TestMethod]
    public void Constructor_NameUnfitForALease_ArgumentExceptionWithTheName()
    {
        var leases = new LeaseManager(JobStorage.Create(TestAzurite.ConnectionString), "i1", NullLoggerFactory.Instance);

        var exception = Assert.ThrowsExactly<ArgumentException>(() => new SingletonTask(new ProbeTask("health reporter", new ConcurrencyProbe()), leases));

        Assert.Contains("'health reporter' is not a usable singleton task name", exception.Message);
    }

    private static (string Id, SingletonTask Singleton, SupervisedTask Task) Start(string name, string id, ConcurrencyProbe probe, string? connectionString = null)
    {
        var leases = new LeaseManager(JobStorage.Create(connectionString ?? TestAzurite.ConnectionString), id, NullLoggerFactory.Instance);
        var singleton = new SingletonTask(new ProbeTask(name, probe), leases, LeaseTime);
        return (id, singleton, new SupervisedTask(singleton, TimeProvider.System));
    }

    private static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                Assert.Fail("Timed out waiting for " + what);
            }

            await Task.Delay(20);
        }
    }

    private sealed class ConcurrencyProbe
    {
        private int _running;
        private int _maxRunning;
        private int _starts;

        public int MaxRunning => Volatile.Read(ref _maxRunning);

        public int Starts => Volatile.Read(ref _starts);

        public void Enter()
        {
            Interlocked.Increment(ref _starts);
            var running = Interlocked.Increment(ref _running);
            int max;
            while (running > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, max) != max)
            {
            }
        }

        public void Exit() => Interlocked.Decrement(ref _running);
    }

    private sealed class ProbeTask(string name, ConcurrencyProbe probe) : IBackgroundTask
    {
        public string Name => name;

        public async Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
        {
            probe.Enter();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            finally
            {
                probe.Exit();
            }
        }
    }
}
