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
/// <c>host --role NAME [--cscfg F] [--csdef F] [--package ID|DIR] [--instance N] [--state-dir D] [--probe-port N]
/// [--probe-address A] [--probe-frozen-ready]</c>: runs one role
/// instance in standalone mode (settings from the cscfg, instance id <c>&lt;Role&gt;_IN_&lt;N&gt;</c>): its startup
/// tasks, then the role's own process from its build output or from a package's approot
/// (<see cref="StandaloneInstance"/>), and passes SIGTERM, SIGINT and SIGQUIT on to it as a stop. Exits with the
/// role's exit code (<see cref="RoleHostExitCodes"/>; 70 when a simple startup task failed), or 1 when the service
/// model is invalid, 2 on usage errors. With a probe port (the option or <see cref="ProbeOptions.PortVariable"/>) the
/// role process serves <c>GET /ready</c> and <c>GET /live</c> there (<see cref="ProbeOptions"/>). The role process
/// inherits this process's environment, so <see cref="OrchestratorEnvironment"/>'s variables (instance id, count,
/// <c>BACKGROUNDROLES_SETTING_&lt;name&gt;</c>) override the cscfg.
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
        var probePort = new Option<string?>("--probe-port") { Description = $"Serve GET /ready and GET /live on this port (default: ${ProbeOptions.PortVariable}; neither: no probes)." };
        var probeAddress = new Option<string?>("--probe-address") { Description = $"The IP address the probes bind (default: ${ProbeOptions.AddressVariable}, else {HostDefaults.ProbeAddress}); a pod's address or 0.0.0.0 for a kubelet." };
        var frozenReady = new Option<bool>("--probe-frozen-ready") { Description = $"/ready stays 200 for a frozen instance (default: ${ProbeOptions.FrozenReadyVariable}, else false)." };
        var command = new Command("host", "Run one role instance in this terminal; Ctrl+C or SIGTERM stops it (Stopping, then OnStop).")
        {
            role, csdef, cscfg, package, instance, stateDir, probePort, probeAddress, frozenReady,
        };
        command.SetAction(parse =>
        {
            var probes = ReadProbes(parse.GetValue(probePort), parse.GetValue(probeAddress), parse.GetValue(frozenReady), out var problem);
            if (problem is not null)
            {
                error.WriteLine($"error: {problem}");
                return CloudServiceCli.Usage;
            }

            return Run(parse.GetValue(role)!, parse.GetValue(csdef)!, parse.GetValue(cscfg), parse.GetValue(package), parse.GetValue(instance), parse.GetValue(stateDir), probes, output, error);
        });
        return command;
    }

    /// <summary>
    /// The probe options: each option, else its environment variable. Null with no problem when no port is given;
    /// the problem names the option or variable when a value is bad.
    /// </summary>
    private static ProbeOptions? ReadProbes(string? port, string? address, bool frozenReady, out string? problem)
    {
        problem = null;
        if (port is not null && !ProbeOptions.TryParsePort(port, out _))
        {
            problem = $"--probe-port '{port}' is not a TCP port (1 to 65535)";
            return null;
        }

        if (address is not null && !System.Net.IPAddress.TryParse(address, out _))
        {
            problem = $"--probe-address '{address}' is not an IP address";
            return null;
        }

        var probes = ProbeOptions.Read(
            name => name switch
            {
                ProbeOptions.PortVariable => port ?? Environment.GetEnvironmentVariable(name),
                ProbeOptions.AddressVariable => address ?? Environment.GetEnvironmentVariable(name),
                _ => frozenReady ? "true" : Environment.GetEnvironmentVariable(name),
            },
            out problem);
        if (probes is null && problem is null && (address is not null || frozenReady))
        {
            problem = $"{(address is not null ? "--probe-address" : "--probe-frozen-ready")} needs --probe-port (or {ProbeOptions.PortVariable})";
        }

        return probes;
    }

    private static int Run(string roleName, string csdef, string? cscfg, string? packageReference, int index, string? stateDirectory, ProbeOptions? probes, TextWriter output, TextWriter error)
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
        if (probes is not null)
        {
            // The role process serves the probes (it alone knows its status); these variables tell it where,
            // replacing what it would inherit from this process.
            spec = spec with
            {
                EnvironmentVariables = new Dictionary<string, string>(spec.EnvironmentVariables, StringComparer.Ordinal)
                {
                    [ProbeOptions.PortVariable] = probes.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [ProbeOptions.AddressVariable] = probes.Address.ToString(),
                    [ProbeOptions.FrozenReadyVariable] = probes.FrozenReady ? "true" : "false",
                },
            };
            output.WriteLine($"{spec.Descriptor.InstanceId}: probes at http://{probes.Address}:{probes.Port}/ready and /live once the role process starts");
        }

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
