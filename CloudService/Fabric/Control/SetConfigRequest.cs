using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Fabric.Control;

/// <summary><c>POST /set-config</c>: new values for declared settings, of one role or of every role that declares them.</summary>
public sealed record SetConfigRequest(string? Role, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The slot whose deployment it is for. Default: production.</summary>
    public DeploymentSlot Slot { get; init; } = DeploymentSlot.Production;
}
