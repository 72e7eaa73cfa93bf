namespace BackgroundRoles.ServiceModel;

/// <summary>
/// The <c>Runtime</c> element of a role: the context the role host runs in, its environment and entry point.
/// An empty <c>&lt;Runtime/&gt;</c> is valid and only sets the execution context.
/// </summary>
public sealed record RoleRuntime(
    TaskExecutionContext ExecutionContext,
    IReadOnlyList<EnvironmentVariable> Environment,
    RoleEntryPoint? EntryPoint,
    SourceLocation Location);
