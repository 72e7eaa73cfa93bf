namespace BackgroundRoles.ServiceModel.Tests.Support;

/// <summary>
/// Finds the repository root by walking up from the test binaries, so no test depends on where the repository
/// is checked out. The shared corpus sits beside the repository, at <c>&lt;root&gt;/../shared/corpus/</c>.
/// </summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string CorpusDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));

    public static string Corpus(string savedName) => Path.Combine(CorpusDirectory, savedName);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BackgroundRoles.sln"))
                || File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root above {AppContext.BaseDirectory}");
    }
}
