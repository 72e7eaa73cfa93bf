namespace BackgroundRoles.Porting.Internal;

/// <summary>A file a classic project names: where it is, where it appears in the project (its Link), and the project line.</summary>
internal sealed record ClassicItem(string FullPath, string Link, int Line);
