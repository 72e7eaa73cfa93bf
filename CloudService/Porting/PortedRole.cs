namespace BackgroundRoles.Porting;

/// <summary>
/// One role project a port wrote: its <paramref name="Name"/> (the csdef role, or the assembly), the classic
/// project it came from, the SDK-style project written, how many source and content files it links, whether it
/// kept an app.config, its packages (<c>id version</c>) and what was left out of the classic references and why.
/// </summary>
public sealed record PortedRole(
    string Name,
    string OriginalProject,
    string Project,
    int CompiledFiles,
    int ContentFiles,
    bool AppConfig,
    IReadOnlyList<string> Packages,
    IReadOnlyList<string> Notes);
