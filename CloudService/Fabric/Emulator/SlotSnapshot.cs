using BackgroundRoles.Fabric.Control;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>One slot: the public endpoints of its address (none while it is empty) and its deployment, or null.</summary>
public sealed record SlotSnapshot(DeploymentSlot Slot, IReadOnlyList<PublicEndpoint> PublicEndpoints, DeploymentSnapshot? Deployment);
