namespace BackgroundRoles.ServiceModel;

/// <summary>
/// One problem found in a service definition or configuration, pointing at the place in the file that caused it.
/// Line and column are 1-based; both are 0 when the problem has no place in the file (for example, a missing file).
/// </summary>
public sealed record Diagnostic(string File, int Line, int Column, DiagnosticSeverity Severity, string Message)
{
    /// <summary>True when <see cref="Severity"/> is <see cref="DiagnosticSeverity.Error"/>.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>Creates an error at <paramref name="at"/>.</summary>
    public static Diagnostic Error(SourceLocation at, string message) =>
        new(at.File, at.Line, at.Column, DiagnosticSeverity.Error, message);

    /// <summary>Creates a warning at <paramref name="at"/>.</summary>
    public static Diagnostic Warning(SourceLocation at, string message) =>
        new(at.File, at.Line, at.Column, DiagnosticSeverity.Warning, message);

    /// <summary>Formats as <c>file(line,col): error: message</c>, the shape compilers use, so editors can jump to it.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"{File}({Line},{Column}): {severity}: {Message}";
    }
}
