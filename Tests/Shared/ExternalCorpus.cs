namespace BackgroundRoles.Tests;

/// <summary>
/// The external corpus of real csdef and cscfg files (an <c>INDEX.tsv</c> and the files it lists). It is not part
/// of the repository: the conformance checks over it run when it is present and are skipped, with
/// <see cref="SkipReason"/>, when it is not. Every behaviour they cover also has a fixture under
/// <c>Tests/Fixtures/ServiceModel</c>, so a plain clone tests it too.
/// </summary>
internal static class ExternalCorpus
{
    /// <summary>Names the corpus folder; by default it is <c>../shared/corpus</c> beside the repository.</summary>
    public const string EnvironmentVariable = "BACKGROUNDROLES_CORPUS";

    public static string Directory { get; } = Resolve();

    public static bool IsPresent => System.IO.File.Exists(Path.Combine(Directory, "INDEX.tsv"));

    public static string SkipReason =>
        $"no corpus of real csdef/cscfg files at {Directory} (an INDEX.tsv and its files; {EnvironmentVariable} names another folder): conformance check skipped";

    public static string File(string savedName) => Path.Combine(Directory, savedName);

    private static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "corpus"))
            : Path.GetFullPath(configured);
    }
}
