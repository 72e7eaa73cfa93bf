using BackgroundRoles.Fabric.LoadBalancing;
using BackgroundRoles.Fabric.Packaging;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>
/// A running deployment of the emulator and what belongs to it wherever its slot is: its run, the routes of its
/// instance input endpoints and the package it runs from.
/// </summary>
internal sealed class SlotDeployment(LocalDeployment deployment, ServicePackage package, Task run, InstanceRoutes instanceRoutes)
{
    public LocalDeployment Deployment => deployment;

    public ServicePackage Package => package;

    /// <summary>Ends when every instance has stopped.</summary>
    public Task Run => run;

    /// <summary>Stops it (Stopping, OnStop), waits, closes its instance routes and removes its package when the emulator made it.</summary>
    public async Task StopAsync(string reason)
    {
        deployment.Stop(reason);
        await run.ConfigureAwait(false);
        await instanceRoutes.DisposeAsync().ConfigureAwait(false);
        if (package.OwnerProcessId == Environment.ProcessId)
        {
            ServicePackager.Remove(package.Directory);
        }
    }
}
