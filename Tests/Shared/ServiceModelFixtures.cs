namespace BackgroundRoles.Tests;

/// <summary>
/// The csdef and cscfg files written for the tests, in the repository under <c>Tests/Fixtures/ServiceModel</c>:
/// <c>valid/</c> holds files that must load without errors (a csdef and a cscfg of the same base name fit each
/// other), <c>invalid/</c> files that must be rejected with a located error. The folder's README says which
/// behaviour each file is for.
/// </summary>
internal static class ServiceModelFixtures
{
    public static string Directory { get; } = Path.Combine(RepositoryPaths.Root, "Tests", "Fixtures", "ServiceModel");

    public static string Valid(string name) => Existing(Path.Combine(Directory, "valid", name));

    public static string Invalid(string name) => Existing(Path.Combine(Directory, "invalid", name));

    /// <summary>Every fixture file: (folder, file name, full path).</summary>
    public static IEnumerable<(string Folder, string Name, string Path)> All() =>
        from folder in new[] { "valid", "invalid" }
        from path in System.IO.Directory.GetFiles(System.IO.Path.Combine(Directory, folder))
        let name = System.IO.Path.GetFileName(path)
        where name != "README.md"
        orderby folder, name
        select (folder, name, path);

    /// <summary>A configuration file, as opposed to a definition (csdef, csplugin).</summary>
    public static bool IsConfiguration(string path) => path.EndsWith(".cscfg", StringComparison.OrdinalIgnoreCase);

    // A renamed or removed fixture fails the test that names it, rather than reading as a "cannot read file" result.
    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException("the test names a fixture that is not in the repository", path);
}
