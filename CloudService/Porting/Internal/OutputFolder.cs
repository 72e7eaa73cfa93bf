namespace BackgroundRoles.Porting.Internal;

/// <summary>
/// The folder a port writes to. It refuses to write over any of the user's original files, and it takes a folder
/// that already exists only when an earlier port made it (its Directory.Build.props carries the marker).
/// </summary>
internal sealed class OutputFolder
{
    public const string PropsFileName = "Directory.Build.props";

    private readonly HashSet<string> _originals;

    private OutputFolder(string directory, HashSet<string> originals)
    {
        Directory = directory;
        _originals = originals;
    }

    public string Directory { get; }

    /// <exception cref="PortingException">The folder exists and is not an earlier port's, or it is an original folder.</exception>
    public static OutputFolder Open(string directory, IEnumerable<string> originalFiles, IEnumerable<string> originalDirectories)
    {
        directory = Path.GetFullPath(directory);
        var originals = new HashSet<string>(originalFiles.Select(Path.GetFullPath), StringComparer.Ordinal);
        if (originalDirectories.Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d))).Contains(Path.TrimEndingDirectorySeparator(directory), StringComparer.Ordinal))
        {
            throw new PortingException($"{directory}: is a folder of the original project; the port goes beside it (name another with --out)");
        }

        if (System.IO.Directory.Exists(directory) && System.IO.Directory.EnumerateFileSystemEntries(directory).Any())
        {
            var props = Path.Combine(directory, PropsFileName);
            if (!File.Exists(props) || !File.ReadAllText(props).Contains(PortingDefaults.Marker, StringComparison.Ordinal))
            {
                throw new PortingException($"{directory}: exists and was not written by 'cloudservice port'; name another folder with --out");
            }
        }

        System.IO.Directory.CreateDirectory(directory);
        return new OutputFolder(directory, originals);
    }

    /// <summary>Writes a file of the port (a path relative to the folder); never one of the originals.</summary>
    public string Write(string relativePath, string content)
    {
        var path = Target(relativePath);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Copies a file into the port unless <paramref name="keepExisting"/> and it is there already (a user may have edited it).</summary>
    public string Copy(string source, string relativePath, bool keepExisting = false)
    {
        var path = Target(relativePath);
        if (!(keepExisting && File.Exists(path)))
        {
            File.Copy(source, path, overwrite: true);
        }

        return path;
    }

    private string Target(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(Directory, relativePath));
        if (_originals.Contains(path))
        {
            throw new PortingException($"{path}: is one of the original files; the port never writes over them (name another folder with --out)");
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
