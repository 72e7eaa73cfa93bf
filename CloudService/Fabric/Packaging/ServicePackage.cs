namespace BackgroundRoles.Fabric.Packaging;

/// <summary>A packaged deployment: where it is and what each role's approot holds.</summary>
public sealed record ServicePackage(string Id, string Directory, string ServiceName, DateTimeOffset CreatedAt, IReadOnlyList<PackagedRole> Roles);

/// <summary>One role in a package: its approot (relative to the package) and its entry point (an assembly or a command line).</summary>
public sealed record PackagedRole(string Name, string AppRoot, string EntryPoint);
