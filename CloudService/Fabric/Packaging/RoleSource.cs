namespace BackgroundRoles.Fabric.Packaging;

/// <summary>Where <see cref="ServicePackager"/> takes a .NET role's files from.</summary>
public enum RoleSource
{
    /// <summary>The build output of the configuration the CLI was built in (<see cref="FabricLayout.BuildOutput"/>): what <c>run</c> packages, in a blink.</summary>
    BuildOutput,

    /// <summary><c>dotnet publish -c Release</c> of the role's project: what the <c>package</c> verb makes.</summary>
    Publish,
}
