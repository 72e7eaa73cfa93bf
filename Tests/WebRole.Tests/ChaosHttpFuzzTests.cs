using BackgroundRoles.Chaos;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// The CI-sized <c>chaos http-fuzz</c>: seeded malformed requests to the web role (bad content types and JSON,
/// broken multipart, bad images, huge chunked bodies, wrong methods, random paths, bad and reused Idempotency-Keys):
/// no 5xx, and a key reused with another body is refused.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ChaosHttpFuzzTests
{
    private const int Seed = 9_4;

    [TestMethod]
    public async Task Api_MalformedRequests_No5xxAndReusedKeysRefused()
    {
        await using var service = await ChaosService.StartAsync();

        var result = await HttpFuzzScenario.RunAsync(service.WebUrl, ChaosService.Seeded(Seed), requests: 300);

        string report = ChaosService.Describe(Seed, result.ToMarkdown());
        Assert.IsTrue(result.Outcomes.Count >= 300, report);
        Assert.AreEqual(0, result.ServerErrors.Count, report);
        Assert.IsTrue(result.Outcomes.Any(o => o.Request.MustBeRejected), "the fuzz reused a key\n" + report);
        Assert.AreEqual(0, result.WronglyAccepted.Count, report);
    }
}
