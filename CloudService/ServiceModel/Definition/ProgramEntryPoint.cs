namespace BackgroundRoles.ServiceModel;

/// <summary>
/// <c>ProgramEntryPoint</c>: a process to run. With <see cref="SetReadyOnProcessStart"/> the instance is Ready as
/// soon as the process starts; otherwise the program must report readiness itself. Defaults to false when absent.
/// </summary>
public sealed record ProgramEntryPoint(string CommandLine, bool SetReadyOnProcessStart, SourceLocation Location)
    : RoleEntryPoint(Location);
