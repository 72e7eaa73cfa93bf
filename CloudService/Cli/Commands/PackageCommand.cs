using System.CommandLine;
using BackgroundRoles.Fabric.Packaging;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>package [--csdef F] [--cscfg F] [--state-dir D]</c> (cspack): validates, then publishes every role into a new,
/// read-only deployment folder with an approot per role and prints where it is. Exit 0, 1 (invalid or a publish
/// failed), 2 (usage).
/// </summary>
internal static class PackageCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var csdef = new Option<string>("--csdef") { Description = "The service definition.", DefaultValueFactory = _ => ModelLoader.DefinitionFileName };
        var cscfg = new Option<string>("--cscfg") { Description = "The service configuration.", DefaultValueFactory = _ => ModelLoader.LocalConfigurationFileName };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where deployments go (default: .cloudservice beside the csdef)." };
        var command = new Command("package", "Publish every role into a new deployment folder (an approot per role), like cspack.") { csdef, cscfg, stateDir };
        command.SetAction(parse => Run(parse.GetValue(csdef)!, parse.GetValue(cscfg)!, parse.GetValue(stateDir), output, error));
        return command;
    }

    private static int Run(string csdef, string cscfg, string? stateDirectory, TextWriter output, TextWriter error)
    {
        if (ModelLoader.LoadForRun(csdef, cscfg, error) is not { } model)
        {
            return CloudServiceCli.Failed;
        }

        var layout = ModelLoader.Layout(csdef, stateDirectory);
        try
        {
            var package = new ServicePackager(layout, output).PackageAsync(model.Definition, csdef, cscfg).GetAwaiter().GetResult();
            output.WriteLine($"package: deployment {package.Id} of {package.ServiceName} in {package.Directory}");
            return CloudServiceCli.Success;
        }
        catch (Exception e) when (e is PackagingException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return CloudServiceCli.Failed;
        }
    }
}
