using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Fabric.Control;

/// <summary><c>POST /deploy</c>: run the package <paramref name="Package"/> (an id or a folder) in <paramref name="Slot"/>, with its own cscfg or <paramref name="Cscfg"/>.</summary>
public sealed record DeployRequest(DeploymentSlot Slot, string Package, string? Cscfg);
