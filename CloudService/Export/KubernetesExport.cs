namespace BackgroundRoles.Export;

/// <summary>The outcome of an export: the files to write and the notes (also in <see cref="ExportDefaults.NotesFileName"/>).</summary>
public sealed record KubernetesExport(IReadOnlyList<ExportedFile> Files, IReadOnlyList<ExportNote> Notes)
{
    /// <summary>Writes every file under <paramref name="folder"/>, creating it; files of the same names are replaced.</summary>
    /// <exception cref="IOException">A file could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public void WriteTo(string folder)
    {
        foreach (var file in Files)
        {
            var path = Path.Combine(folder, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
    }
}
