using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Fabric.Control;

/// <summary><c>POST /scale</c>: give <paramref name="Role"/> <paramref name="Count"/> instances.</summary>
public sealed record ScaleRequest(string Role, int Count)
{
    /// <summary>The slot whose deployment it is for. Default: production.</summary>
    public DeploymentSlot Slot { get; init; } = DeploymentSlot.Production;
}
