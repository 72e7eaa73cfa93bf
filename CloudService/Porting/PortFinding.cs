namespace BackgroundRoles.Porting;

/// <summary>
/// One place in the user's original files that still needs a hand after the port: <paramref name="File"/> (full
/// path), <paramref name="Line"/> and <paramref name="Column"/> (1-based; 0 when the build named no place),
/// <paramref name="Rule"/> (what kind of construct: see <see cref="PortRules"/>), what is wrong and a hint.
/// <paramref name="CompilerCode"/> is the compiler's error (CS0246...) when the build failed on that line.
/// </summary>
public sealed record PortFinding(string File, int Line, int Column, string Rule, string Message, string? Hint, string? CompilerCode = null);
