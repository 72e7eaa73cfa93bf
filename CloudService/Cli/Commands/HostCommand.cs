using System.CommandLine;
using System.Runtime.InteropServices;
using BackgroundRoles.Fabric;
using BackgroundRoles.Fabric.Instances;
using BackgroundRoles.Fabric.Packaging;
using BackgroundRoles.Fabric.Storage;
using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>host --role NAME [--cscfg F] [--csdef F] [--package ID|DIR] [--instance N] [--state-dir D]</c>: runs one role
/// instance in standalone mode (settings from the cscfg, instance id <c>&lt;Role&gt;_IN_&lt;N&gt;</c>): its startup
/// tasks, then the role's own process from its build output or from a package's approot
/// (<see cref="StandaloneInstance"/>), and passes SIGTERM, SIGINT and SIGQUIT on to it as a stop. Exits with the
/// role's exit code (<see cref="RoleHostExitCodes"/>; 70 when a simple startup task failed), or 1 when the service
/// model is invalid, 2 on usage errors.
/// </summary>
internal static class HostCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var role = new Option<string>("--role") { Description = "The role to run, as named in the csdef.", Required = true };
        var csdef = new Option<string>("--csdef") { Description = "The service definition.", DefaultValueFactory = _ => ModelLoader.DefinitionFileName };
        var cscfg = new Option<string?>("--cscfg") { Description = $"The service configuration (default: {ModelLoader.LocalConfigurationFileName}, or the package's)." };
        var package = new Option<string?>("--package") { Description = "Run the role from a package that 'cloudservice package' made (its id or folder) instead of its build output." };
        var instance = new Option<int>("--instance") { Description = "The instance number N of <Role>_IN_<N>.", DefaultValueFactory = _ => 0 };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where descriptors, local resources and logs go (default: .cloudservice beside the csdef)." };
        var command = new Command("host", "Run one role instance in this terminal; Ctrl+C or SIGTERM stops it (Stopping, then OnStop).")
        {
            role, csdef, cscfg, package, instance, stateDir,
        };
        command.SetAction(parse => Run(
            parse.GetValue(role)!, parse.GetValue(csdef)!, parse.GetValue(cscfg), parse.GetValue(package), parse.GetValue(instance), parse.GetValue(stateDir), output, error));
        return command;
    }

    private static int Run(string roleName, string csdef, string? cscfg, string? packageReference, int index, string? stateDirectory, TextWriter output, TextWriter error)
    {
        if (index < 0)
        {
            error.WriteLine("error: --instance must be 0 or more");
            return CloudServiceCli.Usage;
        }

        var layout = ModelLoader.Layout(csdef, stateDirectory);
        ServicePackage? package = null;
        ServiceModel.ServiceModel? model;
        if (packageReference is null)
        {
            model = ModelLoader.LoadForRun(csdef, cscfg ?? ModelLoader.LocalConfigurationFileName, error);
        }
        else
        {
            try
            {
                var packaged = ModelLoader.LoadPackage(new ServicePackager(layout, output), packageReference, cscfg, error);
                (model, package) = (packaged?.Model, packaged?.Package);
            }
            catch (PackagingException e)
            {
                error.WriteLine($"error: {e.Message}");
                return CloudServiceCli.Failed;
            }
        }

        if (model is null)
        {
            return CloudServiceCli.Failed;
        }

        var (definition, configuration) = (model.Definition, model.Configuration);

        var role = definition.FindRole(roleName);
        if (role is null || role.Kind == RoleKind.Module)
        {
            error.WriteLine($"error: {package?.DefinitionPath ?? csdef} has no role '{roleName}'; its roles: {string.Join(", ", definition.Roles.Select(r => r.Name))}");
            return CloudServiceCli.Failed;
        }

        var builder = new RoleInstanceBuilder(layout, new PortAllocator(), roleFiles: package?.RoleFiles);
        // Outside the emulator, as in a container in production: not emulated, and a deployment id of the platform's form.
        var (spec, errors) = builder.Build(definition, configuration, role, index, DeploymentIds.Standalone(), isEmulated: false);
        if (spec is null)
        {
            foreach (var problem in errors)
            {
                error.WriteLine($"error: {problem}");
            }

            return CloudServiceCli.Failed;
        }

        AzuriteProcess? azurite;
        try
        {
            azurite = DevelopmentStorage.EnsureRunningAsync([spec], layout, output).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"error: {e.Message}");
            return CloudServiceCli.Failed;
        }

        using var ownAzurite = azurite;
        return RunInstance(spec, layout, output);
    }

    private static int RunInstance(RoleInstanceSpec spec, FabricLayout layout, TextWriter output)
    {
        var instance = new StandaloneInstance(spec, layout, line =>
        {
            lock (output)
            {
                output.WriteLine(line);
                output.Flush();
            }
        });
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
        return instance.RunAsync(stop.Token).GetAwaiter().GetResult();

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
