using System.Text.RegularExpressions;
using BackgroundRoles.Tests;

namespace BackgroundRoles.ServiceModel.Tests.Support;

/// <summary>One row of the corpus INDEX.tsv.</summary>
internal sealed partial record CorpusEntry(string SavedName, string Repo, string RepoPath, string Commit, string Kind, string Notes)
{
    /// <summary>The directory of the file within its repository; files there belong to one project.</summary>
    public string RepoDirectory => Path.GetDirectoryName(RepoPath) ?? "";

    /// <summary>True when the notes mark the file as one that must be rejected.</summary>
    public bool MustHaveErrors => InvalidMarker().IsMatch(Notes);

    public string FullPath => ExternalCorpus.File(SavedName);

    /// <summary>The index; empty when the corpus is not present (its tests are then skipped).</summary>
    public static IReadOnlyList<CorpusEntry> LoadIndex()
    {
        if (!ExternalCorpus.IsPresent)
        {
            return [];
        }

        return File.ReadLines(ExternalCorpus.File("INDEX.tsv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(c => new CorpusEntry(c[0], c[1], c[2], c[3], c[4], c[5]))
            .ToArray();
    }

    public static CorpusEntry Find(string savedName) => LoadIndex().Single(e => e.SavedName == savedName);

    // "INVALID" as a word also matches inside "SCHEMA-INVALID"; DOUBTFUL and LEGACY files must be accepted.
    [GeneratedRegex(@"\b(MALFORMED|SCHEMA-INVALID|DEGENERATE|INVALID)\b", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidMarker();
}
