using System.Text;
using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Export.Internal;

/// <summary>
/// A role's Dockerfile, built from the service folder: the SDK stage publishes the role's project, the final stage
/// holds only the role on the runtime image it needs (ASP.NET Core for a web role, the plain runtime otherwise), with
/// the service's startup task scripts beside it as the approot had them. Plus the ignore file that keeps build
/// output and local state out of the context.
/// </summary>
internal static class DockerfileWriter
{
    private const string StartupTasksFolder = "StartupTasks";

    public static string Dockerfile(ExportContext context, RolePlan plan)
    {
        var role = plan.Role;
        var runtimeImage = role.Kind == RoleKind.Web ? ExportDefaults.AspNetImage : ExportDefaults.RuntimeImage;
        var dockerfile = $"{ExportDefaults.DockerFolder}/{role.Name}.Dockerfile";
        var text = new StringBuilder()
            .Append("# syntax=docker/dockerfile:1\n")
            .Append($"# Role {role.Name} of {context.Definition.Name}, written by 'cloudservice export kubernetes'. From the service folder:\n")
            .Append($"#   docker build -f <out>/{dockerfile} -t {plan.Image} .\n")
            .Append($"FROM {ExportDefaults.SdkImage} AS build\n")
            .Append($"ARG ROLE_PROJECT={plan.ProjectPath}\n")
            .Append("WORKDIR /src\n")
            .Append("COPY . .\n")
            .Append("RUN test -n \"$ROLE_PROJECT\" || { echo 'pass --build-arg ROLE_PROJECT=<path of the role project>' >&2; exit 1; }\n")
            .Append("RUN dotnet publish \"$ROLE_PROJECT\" -c Release -o /out/approot\n")
            .Append('\n')
            .Append($"FROM {runtimeImage}\n")
            .Append($"WORKDIR {ExportDefaults.AppDirectory}\n")
            .Append("COPY --from=build /out/approot ./\n");
        if (Directory.Exists(Path.Combine(context.Options.ServiceRoot, StartupTasksFolder)))
        {
            text.Append($"COPY {StartupTasksFolder}/ ./{StartupTasksFolder}/\n");
        }

        text.Append($"ENV {RoleInstanceDescriptor.EnvironmentVariable}={ExportDefaults.DescriptorDirectory}/{ExportDefaults.DescriptorFile}\n")
            .Append("USER $APP_UID\n")
            .Append(EntryPoint(context, role));
        return text.ToString();
    }

    public static string Ignore(ExportContext context)
    {
        var text = new StringBuilder()
            .Append("# Build output, packages and local state stay out of the image's build context.\n")
            .Append("**/artifacts\n**/bin\n**/obj\n**/node_modules\n**/.cloudservice\n.git\n");
        if (context.Options.OutputInServiceRoot is { } output)
        {
            text.Append(output.Replace(Path.DirectorySeparatorChar, '/')).Append('\n');
        }

        return text.ToString();
    }

    private static string EntryPoint(ExportContext context, RoleDefinition role)
    {
        switch (role.Runtime?.EntryPoint)
        {
            case ProgramEntryPoint program:
                context.Note($"{role.Name}/ProgramEntryPoint", $"the image runs '{program.CommandLine}' through /bin/sh; no role host runs it, so nothing answers the probes on /ready and /live unless the program does (setReadyOnProcessStart={(program.SetReadyOnProcessStart ? "true" : "false")})");
                return $"ENTRYPOINT [\"/bin/sh\", \"-c\", {Json(program.CommandLine)}]\n";
            case NetFxEntryPoint netfx:
                return $"ENTRYPOINT [\"dotnet\", {Json(netfx.AssemblyName)}]\n";
            default:
                return $"ENTRYPOINT [\"dotnet\", {Json(role.Name + ".dll")}]\n";
        }
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
