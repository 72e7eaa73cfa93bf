using BackgroundRoles.Fabric.Packaging;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>In-place upgrade by update domain, and walk-ud for its manual mode.</summary>
public sealed partial class EmulatorSession
{
    /// <summary>
    /// Starts an in-place upgrade of the slot's deployment to a package (an id under the state folder, or a folder),
    /// with its own cscfg or <paramref name="cscfgPath"/>: the update domains in order, each one's instances out of the
    /// balancer's rotation, recycled onto the new package and Ready again before the next (in manual mode, after
    /// <see cref="WalkUpgradeDomain"/>); an instance not Ready within <paramref name="instanceTimeout"/> rolls the
    /// upgraded domains back. It holds the operation lock until it ends; it is refused, with the reason, when another
    /// operation holds it, the slot is empty, or the package does not fit the deployment (other roles, endpoints, update
    /// domain count or instance counts; a model that is not valid).
    /// </summary>
    /// <returns>The upgrade as it starts (its progress then in <see cref="Upgrade"/>), or why not.</returns>
    public (UpgradeSnapshot? Upgrade, string? Error) StartUpgrade(DeploymentSlot slot, string packageReference, string? cscfgPath, UpgradeMode mode, TimeSpan? instanceTimeout)
    {
        if (instanceTimeout is { } given && given <= TimeSpan.Zero)
        {
            return (null, "the instance timeout must be positive");
        }

        var held = _operations.TryEnter($"upgrade --slot {Name(slot)}", out var refusal);
        if (held is null)
        {
            return (null, refusal);
        }

        var (walk, error) = PrepareUpgrade(slot, packageReference, cscfgPath, mode, instanceTimeout ?? FabricDefaults.UpgradeInstanceTimeout, held);
        if (walk is null)
        {
            held.Dispose();
            return (null, error);
        }

        walk.Start(_stopToken.Token);
        return (walk.Snapshot(), null);
    }

    /// <summary>Manual mode: walks the next update domain of the slot's waiting upgrade; null when it goes, else why not.</summary>
    public string? WalkUpgradeDomain(DeploymentSlot slot)
    {
        SlotDeployment? running;
        lock (_gate)
        {
            running = _deployments.GetValueOrDefault(slot);
        }

        if (running is null)
        {
            return $"refused: the {Name(slot)} slot is empty";
        }

        return running.Upgrade is { } walk
            ? walk.WalkNext()
            : $"refused: no upgrade of {running.Deployment.DeploymentId} in the {Name(slot)} slot is waiting for walk-ud (start one with 'cloudservice upgrade --slot {Name(slot)} --mode manual')";
    }

    /// <summary>The current or last upgrade of the slot's deployment, or null.</summary>
    public UpgradeSnapshot? Upgrade(DeploymentSlot slot)
    {
        lock (_gate)
        {
            return _deployments.GetValueOrDefault(slot)?.Upgrade?.Snapshot();
        }
    }

    private (UpgradeWalk? Walk, string? Error) PrepareUpgrade(DeploymentSlot slot, string packageReference, string? cscfgPath, UpgradeMode mode, TimeSpan timeout, IDisposable held)
    {
        SlotDeployment? running;
        lock (_gate)
        {
            running = _stopToken.IsCancellationRequested ? null : _deployments.GetValueOrDefault(slot);
        }

        if (running is null)
        {
            return (null, IsStopping ? "the emulator is stopping" : $"the {Name(slot)} slot is empty");
        }

        var (package, model, error) = LoadPackage(packageReference, cscfgPath);
        if (package is null || model is null)
        {
            return (null, error);
        }

        var differences = running.Deployment.UpgradeDifferences(model);
        if (differences.Count > 0)
        {
            return (null, $"refused: package {package.Id} cannot replace {running.Deployment.DeploymentId} in place:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", differences));
        }

        var plan = new UpgradePlan(slot, package, model, mode, timeout, FabricDefaults.UpgradeDrainTime);
        var deploymentId = running.Deployment.DeploymentId;
        var walk = new UpgradeWalk(running, plan, held, DeploymentOptions.TimeProvider, Say, () => Raise(EmulatorChange.Upgrade, slot, deploymentId));
        running.AddPackage(package);
        running.Upgrade = walk;
        return (walk, null);
    }
}
