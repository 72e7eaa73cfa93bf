using BackgroundRoles.Fabric.LoadBalancing;
using BackgroundRoles.Fabric.Packaging;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>
/// A running deployment of the emulator and what belongs to it wherever its slot is: its run, the routes of its
/// instance input endpoints, the package it runs from (during an upgrade, the one it moves to as well) and its last upgrade.
/// </summary>
internal sealed class SlotDeployment(LocalDeployment deployment, ServicePackage package, Task run, InstanceRoutes instanceRoutes)
{
    private readonly Lock _gate = new();
    private readonly List<ServicePackage> _packages = [package];
    private ServicePackage _package = package;
    private UpgradeWalk? _upgrade;

    public LocalDeployment Deployment => deployment;

    /// <summary>The package its instances run from (the old one until an upgrade completes).</summary>
    public ServicePackage Package
    {
        get
        {
            lock (_gate)
            {
                return _package;
            }
        }
    }

    /// <summary>Its current or last in-place upgrade, or null.</summary>
    public UpgradeWalk? Upgrade
    {
        get
        {
            lock (_gate)
            {
                return _upgrade;
            }
        }

        set
        {
            lock (_gate)
            {
                _upgrade = value;
            }
        }
    }

    /// <summary>Ends when every instance has stopped.</summary>
    public Task Run => run;

    /// <summary>An upgrade starts: instances will run from <paramref name="next"/> too.</summary>
    public void AddPackage(ServicePackage next)
    {
        lock (_gate)
        {
            _packages.Add(next);
        }
    }

    /// <summary>
    /// The upgrade ended: every instance runs from <paramref name="kept"/>; the other packages are forgotten, and
    /// removed when the emulator made them.
    /// </summary>
    public void KeepOnly(ServicePackage kept)
    {
        List<ServicePackage> dropped;
        lock (_gate)
        {
            _package = kept;
            dropped = [.. _packages.Where(p => p.Directory != kept.Directory)];
            _packages.RemoveAll(p => p.Directory != kept.Directory);
        }

        foreach (var old in dropped)
        {
            RemoveIfOurs(old);
        }
    }

    /// <summary>Stops it (Stopping, OnStop), waits, closes its instance routes and removes its packages the emulator made.</summary>
    public async Task StopAsync(string reason)
    {
        deployment.Stop(reason);
        await run.ConfigureAwait(false);
        await instanceRoutes.DisposeAsync().ConfigureAwait(false);
        List<ServicePackage> packages;
        lock (_gate)
        {
            packages = [.. _packages];
        }

        foreach (var owned in packages)
        {
            RemoveIfOurs(owned);
        }
    }

    private static void RemoveIfOurs(ServicePackage package)
    {
        if (package.OwnerProcessId == Environment.ProcessId)
        {
            ServicePackager.Remove(package.Directory);
        }
    }
}
