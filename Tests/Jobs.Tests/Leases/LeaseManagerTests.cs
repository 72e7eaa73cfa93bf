using System.Diagnostics;
using BackgroundRoles.Jobs.Leases;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.WindowsAzure.Storage;

namespace BackgroundRoles.Jobs.Tests.Leases;

/// <summary>Blob leases against the real Azurite, whose lease expiry runs on the wall clock.</summary>
[TestClass]
public sealed class LeaseManagerTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(15);

    private static string LeaseName() => "lease-" + Guid.NewGuid().ToString("N")[..12];

    private static LeaseManager Manager(string instance, TimeProvider? clock = null, string? connectionString = null) =>
        new(JobStorage.Create(connectionString ?? TestAzurite.ConnectionString, clock ?? TimeProvider.System), instance, NullLoggerFactory.Instance);

    [TestMethod]
    public async Task TryAcquireAsync_FiveContendersAtOnce_ExactlyOneHoldsUntilReleased()
    {
        var name = LeaseName();
        var managers = Enumerable.Range(0, 5).Select(i => Manager("i" + i)).ToArray();

        var leases = await Task.WhenAll(managers.Select(manager => manager.TryAcquireAsync(name, LeaseTime, None)));

        var holder = leases.Single(lease => lease is not null)!;
        var listed = (await managers[0].ListAsync(name, None)).Single();
        Assert.IsTrue(listed.IsHeld);
        Assert.AreEqual(holder.InstanceId, listed.Holder);
        var other = managers.First(manager => manager.InstanceId != holder.InstanceId);
        Assert.IsNull(await other.TryAcquireAsync(name, LeaseTime, None));

        await holder.DisposeAsync();
        await using var next = await other.TryAcquireAsync(name, LeaseTime, None);
        Assert.IsNotNull(next, "a released lease is free at once");
    }

    [TestMethod]
    public async Task AcquireAsync_HolderStopsRenewing_WaiterTakesOverWithinLeaseTimeAndHolderIsCancelled()
    {
        var name = LeaseName();
        // The holder's clock stands still, so it never renews: as a holder that crashed, until its clock moves.
        var frozen = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var holder = await Manager("holder", frozen).TryAcquireAsync(name, LeaseTime, None);
        Assert.IsNotNull(holder);
        var watch = Stopwatch.StartNew();

        await using var taken = await Manager("waiter").AcquireAsync(name, LeaseTime, None).WaitAsync(TimeSpan.FromSeconds(40));

        Assert.IsGreaterThan(LeaseTime - TimeSpan.FromSeconds(1), watch.Elapsed, "not before the holder's lease expired");
        Assert.IsLessThan(LeaseTime + JobDefaults.MaxLeaseRetryDelay + TimeSpan.FromSeconds(1.5), watch.Elapsed);
        Assert.IsFalse(holder.IsLost);

        frozen.Advance(LeaseTime / 3);
        await UntilAsync(() => holder.IsLost, "the old holder's renewal to fail");
        Assert.IsTrue(holder.LostToken.IsCancellationRequested);
        Assert.IsFalse(taken.IsLost);
        await holder.DisposeAsync();
    }

    [TestMethod]
    public async Task BlobLease_LeaseBroken_RenewalCancelsTheToken()
    {
        var name = LeaseName();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var lease = await Manager("holder", clock).TryAcquireAsync(name, LeaseTime, None);
        Assert.IsNotNull(lease);

        Assert.IsTrue(StorageConnection.TryParse(TestAzurite.ConnectionString, out var account, out var error), error);
        await account!.CreateCloudBlobClient().GetContainerReference(JobDefaults.LeaseContainer).GetBlockBlobReference(name).BreakLeaseAsync(TimeSpan.Zero);
        clock.Advance(LeaseTime / 3);

        await UntilAsync(() => lease.IsLost, "the renewal of a broken lease to fail");
    }

    [TestMethod]
    public async Task BlobLease_StorageUnreachableAtRenewal_CancelsTheToken()
    {
        var name = LeaseName();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var azurite = TestAzurite.Process;
        var forwarder = new TcpForwarder(azurite.BlobPort);
        var lease = await Manager("holder", clock, StorageConnection.ForAzurite(forwarder.Port, azurite.QueuePort, azurite.TablePort)).TryAcquireAsync(name, LeaseTime, None);
        Assert.IsNotNull(lease);

        await forwarder.DisposeAsync();
        clock.Advance(LeaseTime / 3);

        // The renewal's retries wait on the holder's clock: move it on until the lease's time is up.
        await UntilAsync(() => lease.IsLost || Advance(clock, TimeSpan.FromMilliseconds(500)), "the renewal against a stopped endpoint to fail");
        Assert.IsLessThanOrEqualTo(lease.AcquiredAt + LeaseTime, clock.GetUtcNow() - TimeSpan.FromMilliseconds(500), "lost before the lease expired (within one step of the clock)");
        await lease.DisposeAsync();
    }

    [TestMethod]
    public async Task TryAcquireAsync_BadNameOrLeaseTime_ClearArgumentErrors()
    {
        var manager = Manager("i1");

        var name = await Assert.ThrowsExactlyAsync<ArgumentException>(() => manager.TryAcquireAsync("no/slashes", LeaseTime, None));
        Assert.Contains("'no/slashes' is not a usable lease name", name.Message);
        await Assert.ThrowsExactlyAsync<ArgumentOutOfRangeException>(() => manager.TryAcquireAsync("ok", TimeSpan.FromSeconds(5), None));
        Assert.ThrowsExactly<ArgumentException>(() => new LeaseManager(JobStorage.Create(TestAzurite.ConnectionString), "", NullLoggerFactory.Instance));
    }

    private static bool Advance(FakeTimeProvider clock, TimeSpan by)
    {
        clock.Advance(by);
        return false;
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail("Timed out waiting for " + what);
            }

            await Task.Delay(20);
        }
    }
}
