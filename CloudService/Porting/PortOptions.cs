namespace BackgroundRoles.Porting;

/// <summary>
/// What to port and where: <paramref name="InputPath"/> is a classic role project (<c>.csproj</c>), a Cloud
/// Service project (<c>.ccproj</c>) or a folder holding one; <paramref name="OutputDirectory"/> is where the port
/// goes (default: <c>&lt;folder&gt;.Ported</c> beside the project's or service's folder).
/// <paramref name="RepositoryRoot"/> is the BackgroundRoles checkout whose <c>CloudService/Compat</c> the ported
/// projects reference and whose pinned package versions they take; <paramref name="Configuration"/> is the build
/// configuration (the one <c>cloudservice run</c> takes roles from).
/// </summary>
public sealed record PortOptions(string InputPath, string? OutputDirectory, string RepositoryRoot, string Configuration = "Debug");
