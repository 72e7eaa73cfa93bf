using System.CommandLine;
using BackgroundRoles.Fabric.Packaging;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>package [--csdef F] [--cscfg F] [--from-build] [--state-dir D]</c> (cspack): validates, then publishes every
/// role (or, with <c>--from-build</c>, copies its build output) into a new, read-only deployment folder with an
/// approot per role and prints its id and folder, which <c>run --package</c> takes. Exit 0, 1 (invalid, or a role
/// could not be built), 2 (usage).
/// </summary>
internal static class PackageCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var csdef = new Option<string>("--csdef") { Description = "The service definition.", DefaultValueFactory = _ => ModelLoader.DefinitionFileName };
        var cscfg = new Option<string>("--cscfg") { Description = "The service configuration.", DefaultValueFactory = _ => ModelLoader.LocalConfigurationFileName };
        var fromBuild = new Option<bool>("--from-build") { Description = "Copy each role's build output instead of publishing it (Release)." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where deployments go (default: .cloudservice beside the csdef)." };
        var command = new Command("package", "Publish every role into a new deployment folder (an approot per role), like cspack.") { csdef, cscfg, fromBuild, stateDir };
        command.SetAction(parse => Run(parse.GetValue(csdef)!, parse.GetValue(cscfg)!, parse.GetValue(fromBuild), parse.GetValue(stateDir), output, error));
        return command;
    }

    private static int Run(string csdef, string cscfg, bool fromBuild, string? stateDirectory, TextWriter output, TextWriter error)
    {
        if (ModelLoader.LoadForRun(csdef, cscfg, error) is not { } model)
        {
            return CloudServiceCli.Failed;
        }

        var layout = ModelLoader.Layout(csdef, stateDirectory);
        try
        {
            var package = new ServicePackager(layout, output).PackageAsync(model.Definition, csdef, cscfg, fromBuild ? RoleSource.BuildOutput : RoleSource.Publish).GetAwaiter().GetResult();
            output.WriteLine($"package: deployment {package.Id} of {package.ServiceName} in {package.Directory}; './cloudservice run --package {package.Id}' runs it");
            return CloudServiceCli.Success;
        }
        catch (Exception e) when (e is PackagingException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return CloudServiceCli.Failed;
        }
    }
}
