using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Fabric.Control;

/// <summary><c>POST /update-config</c>: apply the cscfg at <paramref name="Cscfg"/> (a path on this machine) to the deployment of <paramref name="Slot"/>.</summary>
public sealed record UpdateConfigRequest(DeploymentSlot Slot, string Cscfg);
