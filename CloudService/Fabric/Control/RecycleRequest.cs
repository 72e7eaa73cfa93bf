using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Fabric.Control;

/// <summary><c>POST /recycle</c>: recycle one instance.</summary>
public sealed record RecycleRequest(string Instance)
{
    /// <summary>The slot whose deployment it is for. Default: production.</summary>
    public DeploymentSlot Slot { get; init; } = DeploymentSlot.Production;
}
