using System.CommandLine;
using System.Runtime.InteropServices;
using BackgroundRoles.Fabric;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.LoadBalancing;
using BackgroundRoles.Fabric.Packaging;
using BackgroundRoles.Fabric.Storage;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>run [--csdef F] [--cscfg F] [--package ID|DIR] [--state-dir D]</c>: packages the build (or takes a package
/// that <c>package</c> made), then runs every instance of every role (the cscfg's instance
/// counts) as its own process after its startup tasks, restarts an instance that exits (with a crash-loop
/// backoff), serves the control API (<c>status</c>, <c>scale</c>, <c>recycle</c>, <c>set-config</c>, <c>stop</c>)
/// on loopback with the token in <c>&lt;state&gt;/control.json</c>, and on Ctrl+C, SIGTERM or <c>stop</c> stops
/// them all (Stopping, OnStop) and exits 0. A second Ctrl+C ends every instance at once.
/// </summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var csdef = new Option<string>("--csdef") { Description = "The service definition.", DefaultValueFactory = _ => ModelLoader.DefinitionFileName };
        var cscfg = new Option<string?>("--cscfg") { Description = $"The service configuration (default: {ModelLoader.LocalConfigurationFileName}, or the package's)." };
        var package = new Option<string?>("--package") { Description = "Run a package that 'cloudservice package' made (its id or folder) instead of packaging the build." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where deployments, descriptors, local resources and logs go (default: .cloudservice beside the csdef)." };
        var command = new Command("run", "Package the service and run every role instance locally until Ctrl+C.") { csdef, cscfg, package, stateDir };
        command.SetAction(parse => Run(parse.GetValue(csdef)!, parse.GetValue(cscfg), parse.GetValue(package), parse.GetValue(stateDir), output, error));
        return command;
    }

    private static int Run(string csdef, string? cscfg, string? packageReference, string? stateDirectory, TextWriter output, TextWriter error)
    {
        var layout = ModelLoader.Layout(csdef, stateDirectory);
        if (Prepare(layout, csdef, cscfg, packageReference, output, error) is not { } prepared)
        {
            return CloudServiceCli.Failed;
        }

        try
        {
            return Run(prepared.Model, prepared.Package, layout, output, error);
        }
        finally
        {
            if (prepared.Package.OwnerProcessId == Environment.ProcessId)
            {
                ServicePackager.Remove(prepared.Package.Directory);
            }
        }
    }

    /// <summary>
    /// Validates, then makes the package this run runs (the build output, copied: a rebuild while it runs changes
    /// nothing) or finds the one asked for. Prints why not and returns null when either fails.
    /// </summary>
    private static (ServiceModel.ServiceModel Model, ServicePackage Package)? Prepare(
        FabricLayout layout, string csdef, string? cscfg, string? packageReference, TextWriter output, TextWriter error)
    {
        var packager = new ServicePackager(layout, output);
        try
        {
            packager.RemoveAbandoned();
            if (packageReference is not null)
            {
                return ModelLoader.LoadPackage(packager, packageReference, cscfg, error);
            }

            var cscfgPath = cscfg ?? ModelLoader.LocalConfigurationFileName;
            if (ModelLoader.LoadForRun(csdef, cscfgPath, error) is not { } model)
            {
                return null;
            }

            var package = packager.PackageAsync(model.Definition, csdef, cscfgPath, RoleSource.BuildOutput, forRun: true).GetAwaiter().GetResult();
            return (model, package);
        }
        catch (Exception e) when (e is PackagingException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }
    }

    private static int Run(ServiceModel.ServiceModel model, ServicePackage package, FabricLayout layout, TextWriter output, TextWriter error)
    {
        var (definition, configuration) = (model.Definition, model.Configuration);
        var deployment = new LocalDeployment(definition, configuration, layout, output, package.RoleFiles);
        var (specs, errors) = deployment.Plan();
        if (errors.Count > 0)
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
            azurite = DevelopmentStorage.EnsureRunningAsync(specs, layout, output).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"error: {e.Message}");
            return CloudServiceCli.Failed;
        }

        // The Azurite run started is supervised: restarted on the same ports and data when it exits.
        using var storage = azurite is null ? null : AzuriteSupervisor.Start(azurite, line =>
        {
            lock (output)
            {
                output.WriteLine(line);
                output.Flush();
            }
        });
        output.WriteLine($"Deployment {deployment.DeploymentId} of {definition.Name} from package {package.Id}: {specs.Count} instances; logs in {layout.LogDirectory}; Ctrl+C stops.");
        DeploymentLoadBalancer balancer;
        try
        {
            balancer = DeploymentLoadBalancer.StartAsync(deployment).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            error.WriteLine($"error: the load balancer cannot listen: {e.Message}");
            return CloudServiceCli.Failed;
        }

        foreach (var endpoint in deployment.PublicEndpoints)
        {
            output.WriteLine(endpoint.Describe());
        }

        foreach (var unforwarded in deployment.UnforwardedEndpoints)
        {
            output.WriteLine($"warning: {unforwarded} ('./cloudservice status' shows where).");
        }

        var control = ControlServer.Start(deployment, layout.StateDirectory);

        // Before the control API's line, which tools wait for to start asking: the instances start right after it.
        var dashboard = Dashboard.RunDashboard.Start(deployment, specs, control.Endpoint.Token, output);
        output.WriteLine($"Control API at {control.Endpoint.Url} (token in {ControlEndpoint.PathIn(layout.StateDirectory)}): './cloudservice status' shows what runs.");
        output.Flush();
        var signals = 0;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
        using var summary = new ReadySummary(deployment, specs.Count, output);
        try
        {
            deployment.RunAsync(specs, CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            dashboard?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            control.DisposeAsync().AsTask().GetAwaiter().GetResult();
            balancer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        output.WriteLine("All instances stopped.");
        return CloudServiceCli.Success;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Increment(ref signals) == 1)
            {
                output.WriteLine($"{context.Signal}: stopping every instance (Stopping, OnStop); press Ctrl+C again to end them at once.");
                output.Flush();
                deployment.Stop($"{context.Signal} to the emulator");
            }
            else
            {
                output.WriteLine($"{context.Signal} again: ending every instance now.");
                output.Flush();
                deployment.Kill();
            }
        }
    }
}
