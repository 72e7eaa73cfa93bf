using BackgroundRoles.Chaos;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// The CI-sized <c>chaos poison</c>: bad messages of every kind (one in ten) put straight on the job queues among good
/// orders: every good order still succeeds, and every bad message ends in its <c>&lt;queue&gt;-poison</c> with a reason.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ChaosPoisonTests
{
    private const int Seed = 9_3;

    [TestMethod]
    public async Task Queues_OneMessageInTenBad_GoodSucceedEveryBadInPoison()
    {
        await using var service = await ChaosService.StartAsync();

        var result = await PoisonStormScenario.RunAsync(service, ChaosService.Seeded(Seed), goodJobs: 54, timeout: TimeSpan.FromSeconds(60));

        string report = ChaosService.Describe(Seed, result.ToMarkdown());
        Assert.AreEqual(result.Baseline.Good, result.Baseline.Succeeded, report);
        Assert.AreEqual(result.Storm.Good, result.Storm.Succeeded, "good orders succeed among bad messages\n" + report);
        Assert.AreEqual(6, result.Bad.Count, report);
        Assert.AreEqual(0, result.NotInPoison.Count, "every bad message in poison\n" + report);
        Assert.IsTrue(result.Bad.All(b => !string.IsNullOrWhiteSpace(b.PoisonReason)), "each with a reason\n" + report);
    }
}
