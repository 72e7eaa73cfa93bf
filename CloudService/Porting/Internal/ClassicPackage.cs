namespace BackgroundRoles.Porting.Internal;

/// <summary>A <c>packages.config</c> entry.</summary>
internal sealed record ClassicPackage(string Id, string Version, int Line);
