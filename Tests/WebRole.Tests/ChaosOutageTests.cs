using BackgroundRoles.Chaos;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// The CI-sized <c>chaos outage</c>: storage taken away for 5 s under orders and status reads (every Azurite process
/// ended by id), then started again on the same ports and data: no 5xx but 503 while it is away, orders accepted
/// again once it is back, and no accepted job lost.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ChaosOutageTests
{
    private const int Seed = 9_2;

    [TestMethod]
    public async Task Orders_StorageAwayFiveSeconds_Only503AndNothingLost()
    {
        await using var service = await ChaosService.StartAsync(new Dictionary<string, string> { ["Queues.VisibilityTimeout"] = "00:00:05" });

        var result = await OutageScenario.RunAsync(service, ChaosService.Seeded(Seed), TimeSpan.FromSeconds(5), drainTimeout: TimeSpan.FromMinutes(1));

        string report = ChaosService.Describe(Seed, result.ToMarkdown());
        Assert.IsTrue(result.Seen.Any(s => s.Phase == OutageScenario.Phase.During), "requests were made while storage was away\n" + report);
        Assert.AreEqual(0, result.ServerErrors.Count, report);
        Assert.IsNotNull(result.Resumed, "an order was accepted after storage came back\n" + report);
        Assert.AreEqual(0, result.Lost, report);
        Assert.AreEqual(0, result.FailedOrPoisoned, report);
    }
}
