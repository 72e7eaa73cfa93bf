namespace BackgroundRoles.Porting.Internal;

/// <summary>A role of a .ccproj: the csdef role name and the role project that builds it.</summary>
internal sealed record ClassicRoleReference(string RoleName, string ProjectPath, int Line);
