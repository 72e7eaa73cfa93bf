using BackgroundRoles.Chaos;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// The CI-sized <c>chaos kill</c>: orders through the web role while the worker role's process is killed with SIGKILL
/// (the emulator restarts it); every accepted job ends Succeeded and each took its stock and its charge exactly once.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ChaosKillTests
{
    private const int Seed = 9_1;

    [TestMethod]
    public async Task Orders_WorkerKilledTwice_NoneLostNoneTwice()
    {
        await using var service = await ChaosService.StartAsync(new Dictionary<string, string> { ["Queues.VisibilityTimeout"] = "00:00:05" });

        var result = await KillScenario.RunAsync(service, ChaosService.Seeded(Seed), jobs: 20, kills: 2, drainTimeout: TimeSpan.FromMinutes(2));

        string report = ChaosService.Describe(Seed, result.ToMarkdown());
        Assert.AreEqual(2, result.Kills, report);
        Assert.AreEqual(20, result.Accepted, report);
        Assert.AreEqual(0, result.Lost, report);
        Assert.AreEqual(0, result.FailedOrPoisoned, report);
        Assert.AreEqual(0, result.Effects.ExtraStock, report);
        Assert.AreEqual(0, result.Effects.SucceededWithoutCharge, report);
        Assert.AreEqual(0, result.Effects.ChargedNotSucceeded, report);
    }
}
