namespace BackgroundRoles.Tests;

/// <summary>Where the repository, its build output and the shared corpus are, found from the test's own folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests run in (debug or release): roles and CLI are taken from the same.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Name;

    public static string Artifact(string project, string file) => Path.Combine(Root, "artifacts", "bin", project, Configuration, file);

    public static string CliDll => Artifact("cloudservice", "cloudservice.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BackgroundRoles.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: no BackgroundRoles.sln above " + AppContext.BaseDirectory);
    }
}
