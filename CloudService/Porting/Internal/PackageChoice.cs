namespace BackgroundRoles.Porting.Internal;

/// <summary>A PackageReference of the ported project, and why it is there (shown in the port's summary).</summary>
internal sealed record PackageChoice(string Id, string Version, string Why);
