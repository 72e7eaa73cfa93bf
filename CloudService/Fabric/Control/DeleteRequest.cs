using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Fabric.Control;

/// <summary><c>POST /delete</c>: stop and remove the deployment of <paramref name="Slot"/>.</summary>
public sealed record DeleteRequest(DeploymentSlot Slot);
