using System.Security;
using System.Text;

namespace BackgroundRoles.Porting.Internal;

/// <summary>
/// The SDK-style project of a ported role: the compatibility props and reference, the role entry point from those
/// props (no Program.cs), the classic project's sources, content and app.config linked from where they are (the
/// original folder stays the one place to edit them), and the converted packages and references.
/// </summary>
internal static class ProjectWriter
{
    public static string Write(ClassicProject project, RoleConversion conversion, string projectDirectory, bool ownLog4NetConfig)
    {
        var xml = new StringBuilder();
        xml.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
        xml.AppendLine("  <!--");
        xml.AppendLine($"    {PortingDefaults.Marker} from {Escape(Relative(projectDirectory, project.Path))}. The sources, content and app.config");
        xml.AppendLine("    are linked from there, not copied: edit them in the original folder, and port again after changing the");
        xml.AppendLine("    classic project file. The role's entry point comes from BackgroundRoles.Compat.props (BackgroundRolesRoleMain).");
        xml.AppendLine("  -->");
        xml.AppendLine("  <Import Project=\"$(BackgroundRolesCompat)build/BackgroundRoles.Compat.props\" />");
        xml.AppendLine("  <PropertyGroup>");
        xml.AppendLine("    <OutputType>Exe</OutputType>");
        xml.AppendLine($"    <AssemblyName>{Escape(project.AssemblyName)}</AssemblyName>");
        xml.AppendLine($"    <RootNamespace>{Escape(project.RootNamespace)}</RootNamespace>");
        xml.AppendLine("    <BackgroundRolesRoleMain>true</BackgroundRolesRoleMain>");
        xml.AppendLine("    <!-- Exactly the classic project's files, nothing picked up from this folder. -->");
        xml.AppendLine("    <EnableDefaultItems>false</EnableDefaultItems>");
        if (project.AppConfig is { } appConfig)
        {
            xml.AppendLine("    <!-- Built as <Assembly>.dll.config: CloudConfigurationManager reads its appSettings after the role's settings. -->");
            xml.AppendLine($"    <AppConfig>{Escape(Relative(projectDirectory, appConfig.FullPath))}</AppConfig>");
        }

        if (project.Compile.Any(c => string.Equals(Path.GetFileName(c.FullPath), "AssemblyInfo.cs", StringComparison.OrdinalIgnoreCase)))
        {
            xml.AppendLine("    <!-- The classic AssemblyInfo.cs has the assembly attributes the SDK would generate. -->");
            xml.AppendLine("    <GenerateAssemblyInfo>false</GenerateAssemblyInfo>");
            xml.AppendLine("    <GenerateTargetFrameworkAttribute>true</GenerateTargetFrameworkAttribute>");
            xml.AppendLine("    <!-- AssemblyVersion(\"1.0.*\") compiled before deterministic builds became the default. -->");
            xml.AppendLine("    <Deterministic>false</Deterministic>");
        }

        if (project.AllowUnsafeBlocks)
        {
            xml.AppendLine("    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>");
        }

        xml.AppendLine("  </PropertyGroup>");
        xml.AppendLine("  <ItemGroup>");
        xml.AppendLine("    <ProjectReference Include=\"$(BackgroundRolesCompat)BackgroundRoles.Compat.csproj\" />");
        xml.AppendLine("  </ItemGroup>");
        if (conversion.Packages.Count > 0 || conversion.KeptReferences.Count > 0)
        {
            xml.AppendLine("  <ItemGroup>");
            foreach (var package in conversion.Packages)
            {
                xml.AppendLine($"    <!-- {Comment(package.Why)} -->");
                xml.AppendLine($"    <PackageReference Include=\"{Escape(package.Id)}\" Version=\"{Escape(package.Version)}\" />");
            }

            foreach (var reference in conversion.KeptReferences)
            {
                xml.AppendLine($"    <Reference Include=\"{Escape(reference.Name)}\" HintPath=\"{Escape(Relative(projectDirectory, reference.HintPath!))}\" />");
            }

            xml.AppendLine("  </ItemGroup>");
        }

        xml.AppendLine("  <ItemGroup>");
        foreach (var compile in project.Compile)
        {
            xml.AppendLine($"    <Compile Include=\"{Escape(Relative(projectDirectory, compile.FullPath))}\" Link=\"{Escape(compile.Link)}\" />");
        }

        xml.AppendLine("  </ItemGroup>");
        xml.AppendLine("  <ItemGroup>");
        if (!ownLog4NetConfig)
        {
            xml.AppendLine("    <None Include=\"log4net.config\" CopyToOutputDirectory=\"PreserveNewest\" />");
        }

        foreach (var content in project.Content)
        {
            xml.AppendLine($"    <None Include=\"{Escape(Relative(projectDirectory, content.FullPath))}\" Link=\"{Escape(content.Link)}\" CopyToOutputDirectory=\"PreserveNewest\" />");
        }

        xml.AppendLine("  </ItemGroup>");
        xml.AppendLine("</Project>");
        return xml.ToString();
    }

    /// <summary>A path from the ported project's folder, with forward slashes (MSBuild takes them on every platform).</summary>
    public static string Relative(string fromDirectory, string path) => Path.GetRelativePath(fromDirectory, path).Replace('\\', '/');

    /// <summary>XML-escaped, and MSBuild's special characters (% $ @ ' ; ? *) escaped as %XX so a file name stays literal.</summary>
    private static string Escape(string value)
    {
        var msbuild = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            msbuild.Append(ch is '%' or '$' or '@' or '\'' or ';' or '?' or '*' ? $"%{(int)ch:X2}" : ch.ToString());
        }

        return SecurityElement.Escape(msbuild.ToString());
    }

    private static string Comment(string text) => text.Replace("--", "- -", StringComparison.Ordinal);
}
