using BackgroundRoles.Chaos;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;
using BackgroundRoles.Tests.ScheduleRole;

namespace BackgroundRoles.Jobs.Tests.Leases;

/// <summary>
/// Storage taken away under a real ScheduleRole instance while a long scheduled run and the singleton hold their
/// leases: the renewals fail, both runs' tokens are cancelled within the lease time, and once storage is back both
/// kinds of work resume. The Azurite is this test's own (ended by its processes' ids, started again on the same ports
/// and data), so no other test loses its storage.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class LeaseOutageProcessTests
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(15);

    /// <summary>Past the lease time: the storage layer's last retry and a busy machine.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    [TestMethod]
    public async Task StorageUnreachableDuringRenewal_CancelsTheRunsAndTheWorkResumesWhenItIsBack()
    {
        await using var storage = await ChaosStorage.StartAsync(RepositoryPaths.Root);
        using var service = new ScheduleService(storage.ConnectionString, new Dictionary<string, string>
        {
            ["Schedule.Expression"] = "* * * * * *",
            ["Schedule.RunTime"] = "600",
            ["Singleton.Enabled"] = "true",
            ["LeaseTime"] = LeaseTime.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var cli = await service.StartAsync(0);
        await cli.WaitForLineAsync(l => l.Contains($"Tick {JobName(service)} ", StringComparison.Ordinal) && l.Contains(" started on ", StringComparison.Ordinal), ScheduleService.StartTimeout);
        await cli.WaitForLineAsync(l => l.Contains("held by ScheduleRole_IN_0", StringComparison.Ordinal), ScheduleService.StartTimeout);

        var stoppedAt = DateTimeOffset.UtcNow;
        await storage.StopAsync();
        string[] markers = [$"Lease schedule-{JobName(service)} lost", $"Tick {JobName(service)} ", $"Lease singleton-{SingletonName(service)} lost", $"Singleton {SingletonName(service)} run cancelled on"];
        foreach (var marker in markers)
        {
            // The lost lease is logged, then the run's cancellation by the run itself (a tick's: "run cancelled on").
            await cli.WaitForLineAsync(l => l.Contains(marker, StringComparison.Ordinal) && (!marker.StartsWith("Tick", StringComparison.Ordinal) || l.Contains(" run cancelled on ", StringComparison.Ordinal)), LeaseTime + Margin + Margin);
        }

        var cancelled = DateTimeOffset.UtcNow - stoppedAt;

        Assert.IsTrue(cancelled <= LeaseTime + Margin, $"cancelled {cancelled.TotalSeconds:F1} s after storage went; the lease time is {LeaseTime.TotalSeconds} s{Environment.NewLine}{cli.Output}");
        var linesBefore = cli.Lines.Count;

        await storage.RestartAsync();
        var resumed = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        await WaitAfterAsync(cli, linesBefore, l => l.Contains("held by ScheduleRole_IN_0", StringComparison.Ordinal), resumed);
        await WaitAfterAsync(cli, linesBefore, l => l.Contains($"Tick {JobName(service)} ", StringComparison.Ordinal) && l.Contains(" started on ", StringComparison.Ordinal), resumed);
    }

    private static string JobName(ScheduleService service) => ScheduleRoleRecords.JobName(service.Name);

    private static string SingletonName(ScheduleService service) => ScheduleRoleRecords.SingletonName(service.Name);

    /// <summary>Waits for a line matching <paramref name="predicate"/> among those after the first <paramref name="skip"/>.</summary>
    private static async Task WaitAfterAsync(CliProcess cli, int skip, Func<string, bool> predicate, DateTime deadline)
    {
        while (!cli.Lines.Skip(skip).Any(predicate))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The work did not resume after storage came back:" + Environment.NewLine + cli.Output);
            }

            await Task.Delay(200);
        }
    }
}
