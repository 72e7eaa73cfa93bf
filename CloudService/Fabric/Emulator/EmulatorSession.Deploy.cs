using BackgroundRoles.Fabric.Instances;
using BackgroundRoles.Fabric.LoadBalancing;
using BackgroundRoles.Fabric.Packaging;
using BackgroundRoles.Fabric.Storage;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>Deploy and delete: a deployment into an empty slot, with its storage and its slot's public address; and out again.</summary>
public sealed partial class EmulatorSession
{
    /// <summary>
    /// Finds a package (an id under the state folder, or a folder), loads its csdef with its own cscfg or
    /// <paramref name="cscfgPath"/>, and deploys it (<see cref="DeployAsync"/>, waiting until it settles).
    /// </summary>
    /// <returns>The deployment, or why not (every validation error as <c>file(line,col): error: message</c>).</returns>
    public async Task<(LocalDeployment? Deployment, string? Error)> DeployPackageAsync(DeploymentSlot slot, string packageReference, string? cscfgPath)
    {
        var (package, model, error) = LoadPackage(packageReference, cscfgPath);
        return package is null || model is null
            ? (null, error)
            : await DeployAsync(slot, model, package, waitUntilSettled: true).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds a package (an id under the state folder, or a folder) and loads its csdef with its own cscfg or
    /// <paramref name="cscfgPath"/>: for deploy and upgrade alike.
    /// </summary>
    private (ServicePackage? Package, ServiceModel.ServiceModel? Model, string? Error) LoadPackage(string packageReference, string? cscfgPath)
    {
        ServicePackage package;
        try
        {
            package = new ServicePackager(Layout, TextWriter.Null).Find(packageReference);
        }
        catch (PackagingException e)
        {
            return (null, null, e.Message);
        }

        if (!package.IsForThisPlatform)
        {
            return (null, null, $"package {package.Id} holds native assets for {package.Platform}, not for this machine ({ServicePackage.ThisPlatform})");
        }

        var load = ServiceModel.ServiceModel.Load(package.DefinitionPath, cscfgPath ?? package.ConfigurationPath);
        return load.HasErrors || load.Model is null
            ? (null, null, "the service model is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, load.Diagnostics.Select(d => d.ToString())))
            : (package, load.Model, null);
    }

    /// <summary>
    /// Starts <paramref name="model"/> from <paramref name="package"/> in an empty slot while the other slot runs on: its
    /// own deployment id and instances, the storage emulator when a role asks for development storage and none
    /// listens, and the slot's public address (production: the csdef's ports; staging: free ones). With
    /// <paramref name="waitUntilSettled"/>, returns once every instance is stable or has exited once (or after
    /// <see cref="FabricDefaults.DeploySettleLimit"/>), holding the operation lock until then.
    /// </summary>
    public async Task<(LocalDeployment? Deployment, string? Error)> DeployAsync(
        DeploymentSlot slot, ServiceModel.ServiceModel model, ServicePackage package, bool waitUntilSettled)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(package);
        using var held = _operations.TryEnter($"deploy --slot {Name(slot)}", out var refusal);
        if (held is null)
        {
            return (null, refusal);
        }

        LocalDeployment deployment;
        lock (_gate)
        {
            if (_stopping)
            {
                return (null, "the emulator is stopping");
            }

            if (_deployments.TryGetValue(slot, out var occupied))
            {
                return (null, $"the {Name(slot)} slot holds deployment {occupied.Deployment.DeploymentId}; delete it first ('cloudservice delete --slot {Name(slot)}')");
            }

            var options = DeploymentOptions with { Ports = _ports, UseDefinedPublicPorts = slot == DeploymentSlot.Production, SeparateState = _deployed++ > 0 };
            deployment = new LocalDeployment(model.Definition, model.Configuration, Layout, _output, package.RoleFiles, options);
        }

        var (specs, errors) = deployment.Plan();
        if (errors.Count > 0)
        {
            return (null, string.Join(Environment.NewLine, errors));
        }

        if (await EnsureStorageAsync(specs).ConfigureAwait(false) is { } storageError)
        {
            return (null, storageError);
        }

        Say($"Deployment {deployment.DeploymentId} of {deployment.ServiceName} from package {package.Id} in the {Name(slot)} slot: {specs.Count} instances; logs in {deployment.Layout.LogDirectory}.");
        PublicFrontend frontend;
        try
        {
            frontend = await PublicFrontend.StartAsync(deployment.PublicEndpoints).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            return (null, $"the load balancer cannot listen: {e.Message}");
        }

        frontend.Attach(deployment);
        var prefix = slot == DeploymentSlot.Production ? string.Empty : $"{Name(slot)} ";
        foreach (var endpoint in frontend.Endpoints)
        {
            Say(prefix + endpoint.Describe());
        }

        foreach (var unforwarded in deployment.UnforwardedEndpoints)
        {
            Say($"warning: {unforwarded} ('./cloudservice status' shows where).");
        }

        var settled = waitUntilSettled ? WaitUntilSettledAsync(deployment, specs.Count) : Task.CompletedTask;
        var routes = new InstanceRoutes(deployment);
        var running = new SlotDeployment(deployment, package, Task.Run(() => deployment.RunAsync(specs, CancellationToken.None)), routes);
        bool stopping;
        lock (_gate)
        {
            _running.Add(running);
            stopping = _stopping;
            if (!stopping)
            {
                _deployments[slot] = running;
                _frontends[slot] = frontend;
            }
        }

        if (stopping)
        {
            await StopAsync(running).ConfigureAwait(false);
            await frontend.DisposeAsync().ConfigureAwait(false);
            return (null, "the emulator is stopping");
        }

        deployment.InstancesChanged += OnInstancesChanged;
        Raise(EmulatorChange.Deployed, slot, deployment.DeploymentId);
        await settled.ConfigureAwait(false);
        return (deployment, null);
    }

    /// <summary>Stops the deployment in <paramref name="slot"/> (Stopping, OnStop), closes the slot's address and removes it; null when done, else why not.</summary>
    public async Task<string?> DeleteAsync(DeploymentSlot slot)
    {
        using var held = _operations.TryEnter($"delete --slot {Name(slot)}", out var refusal);
        if (held is null)
        {
            return refusal;
        }

        SlotDeployment? running;
        PublicFrontend? frontend;
        lock (_gate)
        {
            if (!_deployments.Remove(slot, out running))
            {
                return $"the {Name(slot)} slot is empty";
            }

            _frontends.Remove(slot, out frontend);
        }

        var id = running.Deployment.DeploymentId;
        Say($"Deployment {id}: deleting it from the {Name(slot)} slot");
        running.Deployment.InstancesChanged -= OnInstancesChanged;
        await StopAsync(running, $"deployment {id} deleted from the {Name(slot)} slot").ConfigureAwait(false);
        if (frontend is not null)
        {
            await frontend.DisposeAsync().ConfigureAwait(false);
        }

        Say($"Deployment {id}: deleted; the {Name(slot)} slot is empty");
        Raise(EmulatorChange.Deleted, slot, id);
        return null;
    }

    /// <summary>The slot's name as the CLI spells it.</summary>
    public static string Name(DeploymentSlot slot) => slot.ToString().ToLowerInvariant();

    /// <summary>Starts Azurite, supervised, the first time a deployment asks for development storage and nothing listens on its ports.</summary>
    private async Task<string?> EnsureStorageAsync(IReadOnlyList<RoleInstanceSpec> specs)
    {
        if (_storage is not null)
        {
            return null;
        }

        AzuriteProcess? azurite;
        try
        {
            azurite = await DevelopmentStorage.EnsureRunningAsync(specs, Layout, _output).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }

        if (azurite is not null)
        {
            _storage = AzuriteSupervisor.Start(azurite, Say);
        }

        return null;
    }

    /// <summary>Completes once every instance of the new deployment is stable or has exited at least once, or after the limit.</summary>
    private async Task WaitUntilSettledAsync(LocalDeployment deployment, int expected)
    {
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(object? sender, InstancesChangedEventArgs e)
        {
            var instances = deployment.RoleNames.SelectMany(deployment.GetInstances).ToList();
            if (instances.Count >= expected && instances.All(i => i.Stable || i.Restarts > 0 || i.State == InstanceState.Recycling))
            {
                settled.TrySetResult();
            }
        }

        deployment.InstancesChanged += Check;
        try
        {
            await settled.Task.WaitAsync(FabricDefaults.DeploySettleLimit, DeploymentOptions.TimeProvider).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            deployment.InstancesChanged -= Check;
        }
    }
}
