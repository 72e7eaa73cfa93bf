namespace BackgroundRoles.ServiceModel;

/// <summary><c>NetFxEntryPoint</c>: a .NET assembly with a <c>RoleEntryPoint</c> subclass.</summary>
public sealed record NetFxEntryPoint(string AssemblyName, string? TargetFrameworkVersion, SourceLocation Location)
    : RoleEntryPoint(Location);
