using BackgroundRoles.Chaos;
using BackgroundRoles.Tests;

namespace BackgroundRoles.ServiceModel.Tests;

/// <summary>
/// The CI-sized model fuzz of the chaos suite (<c>chaos model-fuzz</c> runs the same with more mutants): thousands of
/// mutants of the fixtures (byte flips, truncations, duplications, deep nesting, huge attributes, DTDs, stray
/// characters) through <see cref="ServiceDefinitionReader.Parse"/> and <see cref="ServiceConfigurationReader.Parse"/>
/// and the validator, from a fixed seed so a failure can be replayed.
/// </summary>
[TestClass]
public sealed class ReaderFuzzTests
{
    private const int Seed = 9_2026;
    private const int Mutations = 3000;

    /// <summary>Past this a mutant is reported and the run stops, so an unbounded reader fails the test instead of holding it for minutes.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(5);

    [TestMethod]
    public void ParseAndValidate_MutatedFixtures_NoExceptionEveryErrorLocatedNoneOverOneSecond()
    {
        var fixtures = ModelFuzzScenario.LoadFixtures(ServiceModelFixtures.Directory);
        Assert.IsTrue(fixtures.Count >= 10, "the fixtures are there");

        var result = ModelFuzzScenario.Run(fixtures, new Random(Seed), Mutations, GiveUpAfter);

        string report = $"seed {Seed}:\n{result.ToMarkdown()}";
        Assert.AreEqual(0, result.Count("exception"), report);
        Assert.AreEqual(0, result.Count("unlocated error"), report);
        Assert.AreEqual(0, result.Count("slower than 1 s"), report);
        Assert.AreEqual(Mutations, result.Read, report);
    }
}
