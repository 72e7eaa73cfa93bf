namespace BackgroundRoles.Fabric.Emulator;

/// <summary>The two places a deployment of the emulator can be, as on the platform: each has its own public address.</summary>
public enum DeploymentSlot
{
    /// <summary>Answers on the csdef's public ports (when free).</summary>
    Production,

    /// <summary>Answers on free ports of its own, which <c>status</c> prints.</summary>
    Staging,
}
