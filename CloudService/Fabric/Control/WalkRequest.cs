using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Fabric.Control;

/// <summary><c>POST /walk-ud</c>: walk the next update domain of the manual upgrade of <paramref name="Slot"/>'s deployment.</summary>
public sealed record WalkRequest(DeploymentSlot Slot);
