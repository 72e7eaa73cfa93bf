using BackgroundRoles.ServiceModel.Tests.Support;
using BackgroundRoles.Tests;

namespace BackgroundRoles.ServiceModel.Tests;

/// <summary>
/// Every file of the shared corpus of real csdef/cscfg files, checked on its own and, for projects with both,
/// as a pair. INDEX.tsv marks the files that must be rejected. The corpus is not in the repository: these checks
/// are skipped when it is absent (<see cref="ExternalCorpus"/>); the fixtures cover the same behaviours.
/// </summary>
[TestClass]
[CorpusCondition]
public sealed class CorpusTests
{
    // Same repository and directory, but saved from different commits (csdef at b2511a4, cscfg at be16b3a): the
    // Gallery.* settings were renamed between the two, so they legitimately do not fit each other.
    private static readonly HashSet<(string Definition, string Configuration)> KnownMismatchedPairs =
    [
        ("NuGet__NuGetGallery__Scripts__NuGetGallery.csdef", "NuGet__NuGetGallery__Scripts__NuGetGallery.base.cscfg"),
    ];

    public static IEnumerable<object[]> Files => CorpusEntry.LoadIndex().Select(e => new object[] { e.SavedName });

    /// <summary>Each valid csdef with each valid cscfg of the same repository directory.</summary>
    public static IEnumerable<object[]> Pairs
    {
        get
        {
            var index = CorpusEntry.LoadIndex();
            return
                from d in index
                where d.Kind == "csdef" && !d.MustHaveErrors
                from c in index
                where c.Kind == "cscfg" && !c.MustHaveErrors && c.Repo == d.Repo && c.RepoDirectory == d.RepoDirectory
                select new object[] { d.SavedName, c.SavedName };
        }
    }

    [TestMethod]
    public void Index_ListsEveryCorpusFile_AndNothingElse()
    {
        var listed = CorpusEntry.LoadIndex().Select(e => e.SavedName).Order(StringComparer.Ordinal).ToArray();
        var present = Directory.GetFiles(ExternalCorpus.Directory)
            .Select(Path.GetFileName)
            .Where(n => n is not ("INDEX.tsv" or "README.md"))
            .Order(StringComparer.Ordinal)
            .ToArray();

        CollectionAssert.AreEqual(present, listed);
    }

    [TestMethod]
    [DynamicData(nameof(Files))]
    public void CheckFile_CorpusFile_ErrorsExactlyWhenIndexMarksIt(string savedName)
    {
        var entry = CorpusEntry.Find(savedName);

        var diagnostics = entry.Kind == "cscfg"
            ? ServiceModel.CheckConfigurationFile(entry.FullPath)
            : ServiceModel.CheckDefinitionFile(entry.FullPath);

        if (entry.MustHaveErrors)
        {
            var errors = diagnostics.Where(d => d.IsError).ToArray();
            Assert.IsNotEmpty(errors, $"{savedName} is marked '{entry.Notes}' but produced no error");
            Assert.IsTrue(errors.All(e => e.Line > 0 && e.Column > 0), "every error should have a location:\n" + DiagnosticAssert.Describe(errors));
            Assert.IsTrue(errors.All(e => e.File == entry.FullPath), "every error should name the file");
        }
        else
        {
            DiagnosticAssert.NoErrors(diagnostics);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Pairs))]
    public void Load_CorpusPairFromOneProject_FitsUnlessKnownMismatch(string definition, string configuration)
    {
        var load = ServiceModel.Load(ExternalCorpus.File(definition), ExternalCorpus.File(configuration));

        Assert.IsNotNull(load.Model);
        if (KnownMismatchedPairs.Contains((definition, configuration)))
        {
            Assert.IsTrue(load.HasErrors, "known mismatched pair unexpectedly fits");
        }
        else
        {
            DiagnosticAssert.NoErrors(load.Diagnostics);
        }
    }

    [TestMethod]
    public void Pairs_CoverTheProjectsWithBothFiles()
    {
        // Guards the pair query: the corpus has eleven such projects (one with two csdefs), and one known mismatch.
        var pairs = Pairs.ToArray();

        Assert.HasCount(12, pairs);
        Assert.IsTrue(KnownMismatchedPairs.All(k => pairs.Any(p => (string)p[0] == k.Definition && (string)p[1] == k.Configuration)));
    }

    [TestMethod]
    public void Parse_TruncatedCorpusDefinitions_NeverThrow()
    {
        foreach (var entry in CorpusEntry.LoadIndex().Where(e => e.Kind != "cscfg"))
        {
            Truncations.AssertEveryCutFails(File.ReadAllText(entry.FullPath), entry.SavedName, isConfiguration: false);
        }
    }

    [TestMethod]
    public void Parse_TruncatedCorpusConfigurations_NeverThrow()
    {
        foreach (var entry in CorpusEntry.LoadIndex().Where(e => e.Kind == "cscfg"))
        {
            Truncations.AssertEveryCutFails(File.ReadAllText(entry.FullPath), entry.SavedName, isConfiguration: true);
        }
    }
}
