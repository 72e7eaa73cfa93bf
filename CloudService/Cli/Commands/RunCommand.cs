using System.CommandLine;
using System.Runtime.InteropServices;
using BackgroundRoles.Fabric;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;
using BackgroundRoles.Fabric.Packaging;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>run [--csdef F] [--cscfg F] [--package ID|DIR] [--state-dir D]</c>: packages the build (or takes a package
/// that <c>package</c> made), then runs every instance of every role (the cscfg's instance
/// counts) as its own process after its startup tasks, restarts an instance that exits (with a crash-loop
/// backoff), serves the control API (<c>status</c>, <c>scale</c>, <c>recycle</c>, <c>set-config</c>, <c>stop</c>)
/// on loopback with the token in <c>&lt;state&gt;/control.json</c>, and on Ctrl+C, SIGTERM or <c>stop</c> stops
/// them all (Stopping, OnStop) and exits 0. A second Ctrl+C ends every instance at once. With autoscale rules beside
/// the cscfg (<see cref="AutoscaleRules.FileName"/>) and without <c>--no-autoscale</c>, it scales the ruled roles as
/// their queues grow and shrink, printing each change and its reason.
/// </summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var csdef = new Option<string>("--csdef") { Description = "The service definition.", DefaultValueFactory = _ => ModelLoader.DefinitionFileName };
        var cscfg = new Option<string?>("--cscfg") { Description = $"The service configuration (default: {ModelLoader.LocalConfigurationFileName}, or the package's)." };
        var package = new Option<string?>("--package") { Description = "Run a package that 'cloudservice package' made (its id or folder) instead of packaging the build." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where deployments, descriptors, local resources and logs go (default: .cloudservice beside the csdef)." };
        var noAutoscale = new Option<bool>("--no-autoscale") { Description = $"Keep the cscfg's instance counts even when {AutoscaleRules.FileName} lies beside the cscfg." };
        var command = new Command("run", "Package the service and run every role instance locally until Ctrl+C.") { csdef, cscfg, package, stateDir, noAutoscale };
        command.SetAction(parse => Run(parse.GetValue(csdef)!, parse.GetValue(cscfg), parse.GetValue(package), parse.GetValue(stateDir), !parse.GetValue(noAutoscale), output, error));
        return command;
    }

    private static int Run(string csdef, string? cscfg, string? packageReference, string? stateDirectory, bool autoscale, TextWriter output, TextWriter error)
    {
        var layout = ModelLoader.Layout(csdef, stateDirectory);
        if (Prepare(layout, csdef, cscfg, packageReference, output, error) is not { } prepared)
        {
            return CloudServiceCli.Failed;
        }

        try
        {
            var rulesBeside = cscfg ?? (packageReference is null ? ModelLoader.LocalConfigurationFileName : prepared.Package.ConfigurationPath);
            if (!TryLoadRules(autoscale, rulesBeside, prepared.Model, error, out var rules))
            {
                return CloudServiceCli.Failed;
            }

            return Run(prepared.Model, prepared.Package, rules, autoscale, layout, output, error);
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

    /// <summary>
    /// The autoscale rules beside <paramref name="cscfgPath"/>, checked against the service: null when there are none or
    /// they are turned off; false, with every problem printed, when they have errors (warnings are printed and run goes on).
    /// </summary>
    private static bool TryLoadRules(bool autoscale, string cscfgPath, ServiceModel.ServiceModel model, TextWriter error, out AutoscaleRules? rules)
    {
        rules = null;
        if (!autoscale)
        {
            return true;
        }

        var (loaded, diagnostics) = AutoscaleValidator.LoadBeside(cscfgPath, model.Definition, model.Configuration);
        ModelLoader.Print(diagnostics, error);
        if (diagnostics.Any(d => d.IsError))
        {
            error.WriteLine("error: the autoscale rules have errors; fix them or run with --no-autoscale");
            return false;
        }

        rules = loaded is { Roles.Count: > 0 } ? loaded : null;
        return true;
    }

    /// <summary>Builds the emulator session, deploys to production, applies the autoscale rules, and waits for a signal or the control API's stop.</summary>
    private static int Run(ServiceModel.ServiceModel model, ServicePackage package, AutoscaleRules? rules, bool autoscale, FabricLayout layout, TextWriter output, TextWriter error)
    {
        var session = new EmulatorSession(layout, output);
        var signals = 0;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
        var (deployment, problem) = session.DeployAsync(DeploymentSlot.Production, model, package, waitUntilSettled: false).GetAwaiter().GetResult();
        if (deployment is null)
        {
            foreach (var line in problem!.Split(Environment.NewLine))
            {
                error.WriteLine($"error: {line}");
            }

            session.Stop("the deployment failed");
            session.RunAsync().GetAwaiter().GetResult();
            return CloudServiceCli.Failed;
        }

        using var summary = new ReadySummary(deployment, deployment.GetSnapshot().Roles.Sum(r => r.InstanceCount), output);
        var control = ControlServer.Start(session, layout.StateDirectory);
        if (rules is not null)
        {
            foreach (var rule in rules.Roles)
            {
                var queues = string.Join(", ", rule.Queues.Select(q => $"{q.QueueName} {q.MessagesPerInstance} per instance"));
                output.WriteLine($"autoscale: {rule.RoleName} within {rule.MinInstances} to {rule.MaxInstances} instances{(queues.Length == 0 ? string.Empty : $" ({queues})")}, every {FabricDefaults.AutoscaleInterval.TotalSeconds:0} s; --no-autoscale keeps the cscfg's counts");
            }

            session.StartAutoscale(rules);
        }

        // Before the control API's line, which tools wait for to start asking.
        var dashboard = Dashboard.RunDashboard.Start(session, deployment, rules, autoscale, output);
        output.WriteLine($"Control API at {control.Endpoint.Url} (token in {ControlEndpoint.PathIn(layout.StateDirectory)}): './cloudservice status' shows what runs; Ctrl+C stops.");
        output.Flush();
        try
        {
            session.RunAsync().GetAwaiter().GetResult();
        }
        finally
        {
            dashboard?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            control.DisposeAsync().AsTask().GetAwaiter().GetResult();
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
                session.Stop($"{context.Signal} to the emulator");
            }
            else
            {
                output.WriteLine($"{context.Signal} again: ending every instance now.");
                output.Flush();
                session.Kill();
            }
        }
    }
}
