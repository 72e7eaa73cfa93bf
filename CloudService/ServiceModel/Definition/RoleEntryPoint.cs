namespace BackgroundRoles.ServiceModel;

/// <summary>The one child of <c>Runtime/EntryPoint</c>: <see cref="NetFxEntryPoint"/> or <see cref="ProgramEntryPoint"/>.</summary>
public abstract record RoleEntryPoint(SourceLocation Location);
