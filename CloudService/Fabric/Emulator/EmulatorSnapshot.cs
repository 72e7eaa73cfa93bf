namespace BackgroundRoles.Fabric.Emulator;

/// <summary>The emulator at a moment: each slot with its address and deployment, and the operation in progress.</summary>
/// <param name="StartedAt">When the emulator started.</param>
/// <param name="Stopping">True once it was asked to stop.</param>
/// <param name="Operation">The operation that holds the lock (deploy, delete, swap, scale, set-config, update-config, upgrade), or null.</param>
/// <param name="Slots">Production, then staging.</param>
public sealed record EmulatorSnapshot(DateTimeOffset StartedAt, bool Stopping, string? Operation, IReadOnlyList<SlotSnapshot> Slots)
{
    public SlotSnapshot this[DeploymentSlot slot] => Slots.First(s => s.Slot == slot);
}
