namespace BackgroundRoles.Benchmarks;

/// <summary>Finds the repository root: the nearest folder, up from here, that holds BackgroundRoles.sln.</summary>
internal static class RepoRoot
{
    private const string SolutionFile = "BackgroundRoles.sln";

    public static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No folder containing {SolutionFile} above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}.");
    }
}
