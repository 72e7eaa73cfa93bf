namespace BackgroundRoles.ServiceModel;

/// <summary>
/// Where a record came from: file name as given to the reader, 1-based line and column (0 when unknown). As
/// <c>XmlReader</c> reports them, the column of an element is that of its name (one past the <c>&lt;</c>) and the
/// column of an attribute is that of the attribute's name.
/// </summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location in <paramref name="file"/> with no line, for problems with the file as a whole.</summary>
    public static SourceLocation WholeFile(string file) => new(file, 0, 0);

    /// <summary>
    /// The start of <paramref name="file"/>'s content (line 1, column 1), for problems with the content as a whole
    /// that has no better place: too large, or empty.
    /// </summary>
    public static SourceLocation ContentStart(string file) => new(file, 1, 1);

    /// <inheritdoc />
    public override string ToString() => $"{File}({Line},{Column})";
}
