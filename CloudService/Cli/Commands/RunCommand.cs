using System.CommandLine;
using System.Runtime.InteropServices;
using BackgroundRoles.Fabric;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>run [--csdef F] [--cscfg F] [--state-dir D]</c>: runs every instance of every role (the cscfg's instance
/// counts) as its own process, restarts an instance that exits (with a crash-loop backoff), and on Ctrl+C or
/// SIGTERM stops them all (Stopping, OnStop) and exits 0.
/// </summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var csdef = new Option<string>("--csdef") { Description = "The service definition.", DefaultValueFactory = _ => ModelLoader.DefinitionFileName };
        var cscfg = new Option<string>("--cscfg") { Description = "The service configuration.", DefaultValueFactory = _ => ModelLoader.LocalConfigurationFileName };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where descriptors, local resources and logs go (default: .cloudservice beside the csdef)." };
        var command = new Command("run", "Run every role instance of the service locally until Ctrl+C.") { csdef, cscfg, stateDir };
        command.SetAction(parse => Run(parse.GetValue(csdef)!, parse.GetValue(cscfg)!, parse.GetValue(stateDir), output, error));
        return command;
    }

    private static int Run(string csdef, string cscfg, string? stateDirectory, TextWriter output, TextWriter error)
    {
        if (ModelLoader.LoadForRun(csdef, cscfg, error) is not { } model)
        {
            return CloudServiceCli.Failed;
        }

        var (definition, configuration) = (model.Definition, model.Configuration);

        var serviceRoot = Path.GetDirectoryName(Path.GetFullPath(csdef))!;
        var layout = FabricLayout.ForServiceRoot(serviceRoot, stateDirectory) with { ArtifactsDirectory = HostCommand.FindArtifacts(serviceRoot) };
        var deployment = new LocalDeployment(definition, configuration, layout, output);
        var (specs, errors) = deployment.Plan();
        if (errors.Count > 0)
        {
            foreach (var problem in errors)
            {
                error.WriteLine($"error: {problem}");
            }

            return CloudServiceCli.Failed;
        }

        output.WriteLine($"Deployment {deployment.DeploymentId} of {definition.Name}: {specs.Count} instances; logs in {layout.LogDirectory}; Ctrl+C stops.");
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
        deployment.RunAsync(specs, stop.Token).GetAwaiter().GetResult();
        output.WriteLine("All instances stopped.");
        return CloudServiceCli.Success;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
