using System.CommandLine;
using System.Runtime.InteropServices;
using BackgroundRoles.Fabric;
using BackgroundRoles.Fabric.Storage;
using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>host --role NAME [--cscfg F] [--csdef F] [--instance N] [--state-dir D]</c>: runs one role instance in
/// standalone mode (settings from the cscfg, instance id <c>&lt;Role&gt;_IN_&lt;N&gt;</c>) as the role's own
/// process, and passes SIGTERM, SIGINT and SIGQUIT on to it as a stop. Exits with the role's exit code
/// (<see cref="RoleHostExitCodes"/>), or 1 when the service model is invalid, 2 on usage errors.
/// </summary>
internal static class HostCommand
{
    /// <summary>How long after the role's own stop budget the CLI waits before it ends the role process itself.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var role = new Option<string>("--role") { Description = "The role to run, as named in the csdef.", Required = true };
        var csdef = new Option<string>("--csdef") { Description = "The service definition.", DefaultValueFactory = _ => ModelLoader.DefinitionFileName };
        var cscfg = new Option<string>("--cscfg") { Description = "The service configuration.", DefaultValueFactory = _ => ModelLoader.LocalConfigurationFileName };
        var instance = new Option<int>("--instance") { Description = "The instance number N of <Role>_IN_<N>.", DefaultValueFactory = _ => 0 };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where descriptors, local resources and logs go (default: .cloudservice beside the csdef)." };
        var command = new Command("host", "Run one role instance in this terminal; Ctrl+C or SIGTERM stops it (Stopping, then OnStop).")
        {
            role, csdef, cscfg, instance, stateDir,
        };
        command.SetAction(parse => Run(parse.GetValue(role)!, parse.GetValue(csdef)!, parse.GetValue(cscfg)!, parse.GetValue(instance), parse.GetValue(stateDir), output, error));
        return command;
    }

    private static int Run(string roleName, string csdef, string cscfg, int index, string? stateDirectory, TextWriter output, TextWriter error)
    {
        if (index < 0)
        {
            error.WriteLine("error: --instance must be 0 or more");
            return CloudServiceCli.Usage;
        }

        if (ModelLoader.LoadForRun(csdef, cscfg, error) is not { } model)
        {
            return CloudServiceCli.Failed;
        }

        var (definition, configuration) = (model.Definition, model.Configuration);

        var role = definition.FindRole(roleName);
        if (role is null || role.Kind == RoleKind.Module)
        {
            error.WriteLine($"error: {csdef} has no role '{roleName}'; its roles: {string.Join(", ", definition.Roles.Select(r => r.Name))}");
            return CloudServiceCli.Failed;
        }

        var layout = ModelLoader.Layout(csdef, stateDirectory);
        var (spec, errors) = new RoleInstanceBuilder(layout, new PortAllocator()).Build(definition, configuration, role, index, Guid.NewGuid().ToString("N"));
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
        return RunInstance(spec, layout, output, error);
    }

    private static int RunInstance(RoleInstanceSpec spec, FabricLayout layout, TextWriter output, TextWriter error)
    {
        using var process = RoleProcess.Start(spec, layout.InstanceDirectory(spec.Descriptor.InstanceId));
        output.WriteLine($"{spec.Descriptor.InstanceId}: started as process {process.ProcessId}; log file {Path.Combine(layout.LogDirectory, spec.Descriptor.InstanceId + ".log")}");
        foreach (var endpoint in spec.Descriptor.Endpoints)
        {
            var scheme = endpoint.Protocol is "any" ? "tcp" : endpoint.Protocol;
            output.WriteLine($"{spec.Descriptor.InstanceId}: endpoint {endpoint.Name} at {scheme}://{endpoint.Address}:{endpoint.Port}/");
        }

        output.Flush();
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);

        var exited = process.WaitForExitAsync();
        if (Task.WaitAny(exited, stopRequested.Task) == 1)
        {
            var budget = spec.Descriptor.StopBudget + KillGrace;
            if (!exited.Wait(budget))
            {
                error.WriteLine($"{spec.Descriptor.InstanceId}: did not stop within {budget.TotalSeconds:F0} s; ending it");
                process.Kill();
            }
        }

        var exitCode = exited.GetAwaiter().GetResult();
        output.WriteLine($"{spec.Descriptor.InstanceId}: exited with code {exitCode} ({LocalDeployment.Describe(exitCode)})");
        return exitCode;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            process.RequestStop();
            stopRequested.TrySetResult();
        }
    }
}
