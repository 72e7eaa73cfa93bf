using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;
using BackgroundRoles.Tests.ScheduleRole;

namespace BackgroundRoles.Jobs.Tests.Leases;

/// <summary>
/// A singleton task on three real ScheduleRole instances (each under its own <c>cloudservice host</c>) over the test
/// Azurite: one runs it; when that one's role process is killed, another takes over within the lease time, and at no
/// moment do two instances run it (from the holdings each instance records while it runs the task).
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class SingletonTaskProcessTests
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(15);

    /// <summary>What the takeover may take past the lease time: the waiters' retry delay (JobDefaults.MaxLeaseRetryDelay) and a margin for a busy machine.</summary>
    private static readonly TimeSpan Margin = JobDefaults.MaxLeaseRetryDelay + TimeSpan.FromSeconds(1);

    [TestMethod]
    public async Task SigkillOfTheHolder_AnotherInstanceTakesOverWithinTheLeaseTime_NeverTwoAtOnce()
    {
        using var service = new ScheduleService(TestAzurite.ConnectionString, new Dictionary<string, string>
        {
            ["Schedule.Expression"] = string.Empty,
            ["Singleton.Enabled"] = "true",
            ["LeaseTime"] = LeaseTime.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await service.StartManyAsync(3);
        var holder = await WaitForAsync(service, holds => holds.FirstOrDefault(h => h.Beats >= 3), "a holder");
        foreach (var (index, cli) in service.Instances.Where(i => ScheduleService.InstanceId(i.Key) != holder.Instance))
        {
            await cli.WaitForLineAsync(l => l.Contains("waits: another instance holds it", StringComparison.Ordinal), ScheduleService.StartTimeout);
        }

        var killed = int.Parse(holder.Instance[(holder.Instance.LastIndexOf('_') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var killedAt = await service.KillRoleAsync(killed);
        var successor = await WaitForAsync(service, holds => holds.FirstOrDefault(h => h.Instance != holder.Instance && h.Start > killedAt && h.Beats >= 4), "a successor");

        var holds = await service.Records.HoldsAsync(service.Name);
        var takeover = successor.Start - killedAt;
        Assert.IsTrue(takeover <= LeaseTime + Margin, $"taken over {takeover.TotalSeconds:F1} s after the kill; the lease time is {LeaseTime.TotalSeconds} s{Environment.NewLine}{ScheduleRoleRecordsReader.Describe(holds)}");
        var overlaps = ScheduleRoleRecordsReader.Overlaps(holds);
        Assert.AreEqual(0, overlaps.Count, $"two instances ran it at once:{Environment.NewLine}{ScheduleRoleRecordsReader.Describe(holds)}");
        Assert.AreEqual(1, holds.Count(h => h.Start < killedAt), "before the kill only the first holder ran it: " + ScheduleRoleRecordsReader.Describe(holds));
    }

    private static async Task<HoldRecord> WaitForAsync(ScheduleService service, Func<IReadOnlyList<HoldRecord>, HoldRecord?> find, string what)
    {
        var deadline = DateTime.UtcNow + ScheduleService.StartTimeout;
        while (true)
        {
            var holds = await service.Records.HoldsAsync(service.Name);
            if (find(holds) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No {what} within {ScheduleService.StartTimeout}:{Environment.NewLine}{ScheduleRoleRecordsReader.Describe(holds)}{Environment.NewLine}{service.Output}");
            }

            await Task.Delay(200);
        }
    }
}
