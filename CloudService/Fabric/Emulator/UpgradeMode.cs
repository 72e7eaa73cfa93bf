namespace BackgroundRoles.Fabric.Emulator;

/// <summary>How an in-place upgrade walks the update domains.</summary>
public enum UpgradeMode
{
    /// <summary>Each update domain right after the one before is Ready.</summary>
    Auto,

    /// <summary>The first update domain at once, each next one when <c>cloudservice walk-ud</c> asks for it.</summary>
    Manual,
}
