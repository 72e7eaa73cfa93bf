using System.Security;

namespace BackgroundRoles.Porting.Internal;

/// <summary>The Directory.Build.props of a port: what its role projects share.</summary>
internal static class SharedPropsWriter
{
    public static string Write(string compatDirectory) => $"""
        <Project>
          <!--
            {PortingDefaults.Marker}: what every ported role project in this folder shares. Being here, it also ends
            MSBuild's search for a Directory.Build.props further up, so the roles build the same wherever they live.
          -->
          <PropertyGroup>
            <TargetFramework>{PortingDefaults.TargetFramework}</TargetFramework>
            <!-- The compatibility assembly: CloudService/Compat of the BackgroundRoles checkout that ported these roles. Change it here when that checkout moves. -->
            <BackgroundRolesCompat>{SecurityElement.Escape(compatDirectory.TrimEnd('/', '\\') + "/")}</BackgroundRolesCompat>
            <!-- Each role builds into artifacts/bin/<project>/<configuration> here, where 'cloudservice run' takes it from. -->
            <UseArtifactsOutput>true</UseArtifactsOutput>
            <ArtifactsPath>$(MSBuildThisFileDirectory)artifacts</ArtifactsPath>
            <!-- Package versions are in each project; no central management or targets from a folder further up. -->
            <ImportDirectoryBuildTargets>false</ImportDirectoryBuildTargets>
            <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
            <!-- Linux images often have no ICU; WindowsAzure.Storage asks for en-US, which invariant mode must then give, not throw. -->
            <InvariantGlobalization>true</InvariantGlobalization>
            <PredefinedCulturesOnly>false</PredefinedCulturesOnly>
            <SatelliteResourceLanguages>en</SatelliteResourceLanguages>
          </PropertyGroup>
        </Project>

        """;
}
