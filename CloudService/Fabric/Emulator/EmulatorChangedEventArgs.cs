namespace BackgroundRoles.Fabric.Emulator;

/// <summary>What changed in the emulator: a deployment came, left or changed slot, or instances of a deployment changed.</summary>
public sealed class EmulatorChangedEventArgs(EmulatorChange change, DeploymentSlot slot, string deploymentId, string? roleName = null) : EventArgs
{
    public EmulatorChange Change { get; } = change;

    /// <summary>The slot the deployment is in (after a swap: the one it is in now).</summary>
    public DeploymentSlot Slot { get; } = slot;

    public string DeploymentId { get; } = deploymentId;

    /// <summary>For <see cref="EmulatorChange.Instances"/>: the role whose instances changed.</summary>
    public string? RoleName { get; } = roleName;
}
