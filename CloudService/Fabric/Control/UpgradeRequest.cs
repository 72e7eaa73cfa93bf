using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Fabric.Control;

/// <summary>
/// <c>POST /upgrade</c>: upgrade the deployment of <paramref name="Slot"/> in place to the package <paramref name="Package"/>
/// (an id or a folder), with its own cscfg or <paramref name="Cscfg"/>, walking the update domains as <paramref name="Mode"/>
/// says; each instance has <paramref name="InstanceTimeout"/> (default 2 minutes) to get Ready.
/// </summary>
public sealed record UpgradeRequest(DeploymentSlot Slot, string Package, string? Cscfg, UpgradeMode Mode, TimeSpan? InstanceTimeout);
