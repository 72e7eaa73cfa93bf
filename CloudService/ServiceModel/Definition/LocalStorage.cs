namespace BackgroundRoles.ServiceModel;

/// <summary>
/// A <c>LocalResources/LocalStorage</c> scratch directory. Null size and clean flag mean absent: the platform
/// defaults are 1 MB and true.
/// </summary>
public sealed record LocalStorage(string Name, int? SizeInMB, bool? CleanOnRoleRecycle, SourceLocation Location);
