namespace BackgroundRoles.Porting.Internal;

/// <summary>A classic <c>&lt;Reference&gt;</c>: the assembly's simple name and, when it has one, its HintPath (full).</summary>
internal sealed record ClassicReference(string Name, string? HintPath, int Line);
