using BackgroundRoles.ServiceModel.Tests.Support;
using BackgroundRoles.Tests;

namespace BackgroundRoles.ServiceModel.Tests;

/// <summary>
/// Every fixture under <c>Tests/Fixtures/ServiceModel</c>, on its own and as a pair: the repository's own
/// conformance checks, run on every clone (the external corpus adds real files when it is there).
/// </summary>
[TestClass]
public sealed class ServiceModelFixtureTests
{
    public static IEnumerable<object[]> ValidFiles => ServiceModelFixtures.All().Where(f => f.Folder == "valid").Select(f => new object[] { f.Name });

    public static IEnumerable<object[]> InvalidFiles => ServiceModelFixtures.All().Where(f => f.Folder == "invalid").Select(f => new object[] { f.Name });

    /// <summary>Each valid csdef with the valid cscfg of the same base name.</summary>
    public static IEnumerable<object[]> Pairs =>
        from d in ServiceModelFixtures.All()
        where d.Folder == "valid" && d.Name.EndsWith(".csdef", StringComparison.Ordinal)
        let configuration = Path.ChangeExtension(d.Name, ".cscfg")
        where File.Exists(Path.Combine(ServiceModelFixtures.Directory, "valid", configuration))
        select new object[] { d.Name, configuration };

    [TestMethod]
    [DynamicData(nameof(ValidFiles))]
    public void CheckFile_ValidFixture_HasNoErrors(string name)
    {
        var path = ServiceModelFixtures.Valid(name);

        DiagnosticAssert.NoErrors(Check(path));
    }

    [TestMethod]
    [DynamicData(nameof(InvalidFiles))]
    public void CheckFile_InvalidFixture_ReportsLocatedErrors(string name)
    {
        var path = ServiceModelFixtures.Invalid(name);

        var errors = Check(path).Where(d => d.IsError).ToArray();

        Assert.IsNotEmpty(errors, $"{name} should be rejected");
        Assert.IsTrue(errors.All(e => e.Line > 0 && e.Column > 0), "every error should have a location:\n" + DiagnosticAssert.Describe(errors));
        Assert.IsTrue(errors.All(e => e.File == path), "every error should name the file");
    }

    [TestMethod]
    [DynamicData(nameof(Pairs))]
    public void Load_FixturePair_Fits(string definition, string configuration)
    {
        var load = ServiceModel.Load(ServiceModelFixtures.Valid(definition), ServiceModelFixtures.Valid(configuration));

        Assert.IsNotNull(load.Model);
        DiagnosticAssert.NoErrors(load.Diagnostics);
    }

    [TestMethod]
    public void Pairs_CoverEveryConfigurationWithADefinition()
    {
        Assert.HasCount(3, Pairs.ToArray());
    }

    [TestMethod]
    public void Readme_DescribesEveryFixture()
    {
        var readme = File.ReadAllText(Path.Combine(ServiceModelFixtures.Directory, "README.md"));

        var undescribed = ServiceModelFixtures.All().Where(f => !readme.Contains($"`{f.Folder}/{f.Name}`", StringComparison.Ordinal)).Select(f => f.Name);

        Assert.AreEqual("", string.Join(", ", undescribed), "fixtures the README does not describe");
    }

    [TestMethod]
    public void Parse_TruncatedFixtures_NeverThrow()
    {
        foreach (var (_, name, path) in ServiceModelFixtures.All())
        {
            Truncations.AssertEveryCutFails(File.ReadAllText(path), name, ServiceModelFixtures.IsConfiguration(path));
        }
    }

    private static IReadOnlyList<Diagnostic> Check(string path) =>
        ServiceModelFixtures.IsConfiguration(path) ? ServiceModel.CheckConfigurationFile(path) : ServiceModel.CheckDefinitionFile(path);
}
