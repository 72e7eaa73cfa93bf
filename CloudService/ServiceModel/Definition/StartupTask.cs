namespace BackgroundRoles.ServiceModel;

/// <summary>A <c>Startup/Task</c>. Defaults follow the schema: simple, limited.</summary>
public sealed record StartupTask(
    string CommandLine,
    TaskExecutionContext ExecutionContext,
    StartupTaskType TaskType,
    IReadOnlyList<EnvironmentVariable> Environment,
    SourceLocation Location);
