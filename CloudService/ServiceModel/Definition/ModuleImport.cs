namespace BackgroundRoles.ServiceModel;

/// <summary>An <c>Imports/Import moduleName</c>, such as Diagnostics or RemoteAccess.</summary>
public sealed record ModuleImport(string ModuleName, SourceLocation Location);
