namespace BackgroundRoles.Porting;

/// <summary>
/// The outcome of a port: where it went, the role projects written, the service files copied beside them (a
/// solution folder's csdef and cscfg files, or none), whether the build succeeded, and what still needs a hand in
/// the original files, ordered by file and line.
/// </summary>
public sealed record PortReport(
    string Input,
    string OutputDirectory,
    bool IsService,
    IReadOnlyList<PortedRole> Roles,
    IReadOnlyList<string> ServiceFiles,
    bool Built,
    IReadOnlyList<PortFinding> Findings);
