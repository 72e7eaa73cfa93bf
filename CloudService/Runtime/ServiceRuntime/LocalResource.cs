namespace BackgroundRoles.ServiceRuntime;

/// <summary>A folder reserved for the instance, declared as LocalStorage in the csdef.</summary>
/// <param name="Name">The LocalStorage name.</param>
/// <param name="RootPath">The folder, with a trailing directory separator as on the platform.</param>
/// <param name="MaximumSizeInMegabytes">The quota the csdef declares (sizeInMB).</param>
public sealed record LocalResource(string Name, string RootPath, int MaximumSizeInMegabytes);
