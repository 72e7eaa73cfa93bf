namespace BackgroundRoles.ServiceModel;

/// <summary>
/// The outcome of reading a file. <see cref="Value"/> is null only when nothing could be built (the XML is not
/// well-formed, the file cannot be read, or the root element is wrong); otherwise it is built as far as the file
/// allows, and <see cref="Diagnostics"/> says what was wrong with it.
/// </summary>
public sealed record ParseResult<T>(T? Value, IReadOnlyList<Diagnostic> Diagnostics)
    where T : class
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
